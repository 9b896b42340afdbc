package no.budstikke.amot;

import java.util.List;

/**
 * RFC 4180 CSV text: comma-separated, CRLF after every record (the last too), quotes doubled
 * inside a quoted field. The caller writes it as UTF-8.
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @} (or a tab or CR) as a formula, and a
 * report that office staff open in Excel must not run what a data source wrote (CSV injection,
 * OWASP). Which character splits cells is not ours to choose: a Norwegian-locale spreadsheet splits
 * on {@code ;}, others on tab, and ignores our quotes when they do not open its own cell. So every
 * place where any such spreadsheet could start a cell (the start of a field, and after each
 * {@code , ; tab CR LF}) is checked: when what follows, past spaces and quotes, is a formula
 * character, an apostrophe goes in at that place, which the spreadsheet shows as text. A field
 * holding any separator, a quote or a line break is quoted. Values are otherwise unchanged; the
 * JSON document keeps the exact values.
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
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) quote = isSeparator(v.charAt(i)) || v.charAt(i) == '"';
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** The value with an apostrophe at each place a spreadsheet could start a cell that it would run. */
    static String defused(String v) {
        StringBuilder out = new StringBuilder(v.length() + 2);
        if (v.startsWith("\t") || v.startsWith("\r") || runsAt(v, 0)) out.append('\'');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            out.append(c);
            if (isSeparator(c) && runsAt(v, i + 1)) out.append('\'');
        }
        return out.toString();
    }

    /** Whether a cell starting at {@code from} would be a formula: past spaces and quotes, one of {@code = + - @}. */
    private static boolean runsAt(String v, int from) {
        int i = from;
        while (i < v.length() && (v.charAt(i) == '"' || v.charAt(i) == ' ' || Character.isSpaceChar(v.charAt(i)))) i++;
        if (i >= v.length()) return false;
        char c = v.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@';
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
    }
}
