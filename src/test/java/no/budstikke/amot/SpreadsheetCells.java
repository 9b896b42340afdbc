package no.budstikke.amot;

import java.util.ArrayList;
import java.util.List;

/**
 * How a spreadsheet that splits on a given separator cuts CSV text into cells: a quote opens a
 * quoted cell only as the cell's first character (elsewhere it is a plain character), and an
 * unquoted CR or LF ends the row. Used to check what staff would see in Excel or LibreOffice.
 */
final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    static List<String> split(String text, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean atStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && atStart) {
                quoted = true;
                atStart = false;
            } else if (c == separator || c == '\r' || c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                atStart = true;
            } else {
                cell.append(c);
                atStart = false;
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Whether a spreadsheet would run the cell: not marked as text by an apostrophe, and past spaces and quotes a formula character. */
    static boolean runs(String cell) {
        if (cell.startsWith("'")) return false;
        int i = 0;
        while (i < cell.length() && (cell.charAt(i) == '"' || Character.isSpaceChar(cell.charAt(i)))) i++;
        return i < cell.length() && "=+-@".indexOf(cell.charAt(i)) >= 0;
    }
}
