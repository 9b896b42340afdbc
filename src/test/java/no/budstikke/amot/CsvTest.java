package no.budstikke.amot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void everyRecordEndsWithCrlfAndPlainFieldsAreNotQuoted() {
        String text = new Csv().row(List.of("a", "b")).row(List.of("1", "")).text();
        assertThat(text).isEqualTo("a,b\r\n1,\r\n");
    }

    @Test
    void fieldsWithACommaAQuoteOrALineBreakAreQuotedAndQuotesDoubled() {
        assertThat(Csv.field("Berg, Jr.")).isEqualTo("\"Berg, Jr.\"");
        assertThat(Csv.field("say \"hei\"")).isEqualTo("\"say \"\"hei\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.field("Ærlig Øyvind Åsen")).isEqualTo("Ærlig Øyvind Åsen");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        for (String formula : new String[] {"=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(Csv.field(formula)).as(formula).contains("'" + formula.charAt(0));
            assertThat(Csv.defused(formula)).isEqualTo("'" + formula);
        }
        // quoted as well when it also holds a comma
        assertThat(Csv.field("=1,2")).isEqualTo("\"'=1,2\"");
        // only the first character counts
        assertThat(Csv.field("a=b")).isEqualTo("a=b");
        assertThat(Csv.field("2026-09-01")).isEqualTo("2026-09-01");
    }

    @Test
    void aFormulaAfterASemicolonATabOrALineBreakIsDefusedWhereTheSpreadsheetWouldStartItsCell() {
        // A Norwegian-locale spreadsheet splits on ';': "x;=2+5" would be the cells "x" and "=2+5".
        assertThat(Csv.field("x;=2+5")).isEqualTo("\"x;'=2+5\"");
        assertThat(Csv.field("x\t+1")).isEqualTo("\"x\t'+1\"");
        assertThat(Csv.field("x\n@SUM(A1)")).isEqualTo("\"x\n'@SUM(A1)\"");
        assertThat(Csv.field("x,-1")).isEqualTo("\"x,'-1\"");
        // past spaces and quotes, which a spreadsheet may skip
        assertThat(Csv.field("x; =1")).isEqualTo("\"x;' =1\"");
        assertThat(Csv.field("x;\"=1")).isEqualTo("\"x;'\"\"=1\"");
        assertThat(Csv.field(" =1")).isEqualTo("' =1");
        assertThat(Csv.field("\"=1")).isEqualTo("\"'\"\"=1\"");
        assertThat(Csv.field("\u00a0=1")).isEqualTo("'\u00a0=1");
        // a semicolon alone is quoted, so a semicolon spreadsheet that honours quotes keeps one cell
        assertThat(Csv.field("Berg; Jr.")).isEqualTo("\"Berg; Jr.\"");
        assertThat(Csv.field("a-b;c")).isEqualTo("\"a-b;c\"");
    }

    @Test
    void noSpreadsheetSplittingOnCommaSemicolonOrTabSeesACellItWouldRun() {
        List<String> hostile = List.of("x;=2+5", "=1", "a,=1", "a;+1", "a\t-1", "a\r\n@x", "a;\"=1", "a; =1", "a,\" ;\"@1",
                "\";=cmd|' /C calc'!A0", "ok", "Berg, \"Jr.\"", "x;\u2003=1", ";;=1", "\t", "\r=1", "=;=,=\t=");
        String text = new Csv().row(hostile).row(List.of("1", "x;-2", "3")).text();
        for (char separator : new char[] {',', ';', '\t'}) {
            for (String cell : SpreadsheetCells.split(text, separator)) {
                assertThat(SpreadsheetCells.runs(cell)).as("cell %s when split on %s", cell, (int) separator).isFalse();
            }
        }
        // and the comma reader still gets the values, an apostrophe before each defused place
        assertThat(CsvRecords.read(text).get(0)).hasSize(hostile.size()).contains("x;'=2+5", "'=1", "ok", "Berg, \"Jr.\"");
    }

    @Test
    void aRecordReadsBackAsItsFields() {
        List<String> fields = List.of("x,y", "q\"q", "plain", "line\r\nbreak");
        String record = new Csv().row(fields).text();
        assertThat(CsvRecords.read(record)).containsExactly(fields);
    }
}
