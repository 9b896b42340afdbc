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
    void aRecordReadsBackAsItsFields() {
        List<String> fields = List.of("x,y", "q\"q", "plain", "line\r\nbreak");
        String record = new Csv().row(fields).text();
        assertThat(CsvRecords.read(record)).containsExactly(fields);
    }
}
