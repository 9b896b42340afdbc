package no.budstikke.amot;

import java.util.List;

/**
 * RFC 4180 CSV text: comma-separated, CRLF after every record (the last too), a field quoted when
 * it holds a comma, a quote, CR or LF, quotes doubled inside. The caller writes it as UTF-8.
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @} (or a tab or CR) as a formula, and a
 * report that office staff open in Excel must not run what a data source wrote (CSV injection,
 * OWASP). Such a cell gets a leading apostrophe, which the spreadsheet shows as text; the value is
 * otherwise unchanged, and the JSON document keeps the exact values.
 */
public final class Csv {

    static final String CRLF = "\r\n";

    private final StringBuilder out = new StringBuilder();

    public Csv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(field(cells.get(i)));
        }
        out.append(CRLF);
        return this;
    }

    public String text() {
        return out.toString();
    }

    static String field(String value) {
        String v = value == null ? "" : defused(value);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String defused(String v) {
        if (v.isEmpty()) return v;
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }
}
