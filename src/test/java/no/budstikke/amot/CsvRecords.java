package no.budstikke.amot;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader, to check what the hub writes: every record must end with CRLF. */
final class CsvRecords {

    private CsvRecords() {
    }

    static List<List<String>> read(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && text.startsWith("\r\n", i)) {
                record.add(f.toString());
                f.setLength(0);
                records.add(List.copyOf(record));
                record.clear();
                i++;
            } else if (c == '\n' || c == '\r') {
                throw new AssertionError("a bare line break outside quotes at " + i);
            } else {
                f.append(c);
            }
        }
        if (quoted || f.length() > 0 || !record.isEmpty()) throw new AssertionError("the last record does not end with CRLF");
        return records;
    }
}
