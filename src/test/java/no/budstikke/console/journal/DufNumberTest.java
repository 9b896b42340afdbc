package no.budstikke.console.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DufNumberTest {

    @Test
    void twelveDigitsPassWithOrWithoutSpaces() {
        assertThat(DufNumber.check("201912345678").number()).isEqualTo("201912345678");
        assertThat(DufNumber.check(" 2019 1234 5678 ").number()).isEqualTo("201912345678");
        assertThat(DufNumber.check("201912345678").problem()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|Skriv inn DUF-nummeret til saken.",
            "'   '|Skriv inn DUF-nummeret til saken.",
            "2019123456|Et DUF-nummer har 12 sifre; du skrev 10.",
            "2019123456789|Et DUF-nummer har 12 sifre; du skrev 13.",
            "2019-1234-5678|Et DUF-nummer består bare av sifre (0–9), uten bokstaver eller tegn.",
            "Amina Hassan|Et DUF-nummer består bare av sifre (0–9), uten bokstaver eller tegn.",
            "２０１９１２３４５６７８|Et DUF-nummer består bare av sifre (0–9), uten bokstaver eller tegn."})
    void aMistypedNumberIsNamedInNorwegianWithoutRepeatingIt(String typed, String problem) {
        DufNumber.Checked checked = DufNumber.check(typed);
        assertThat(checked.number()).isNull();
        assertThat(checked.problem()).isEqualTo(problem).doesNotContain(typed.isBlank() ? "\u0000" : typed.strip());
    }

    @Test
    void anOverlongInputIsRefusedBeforeItIsRead() {
        assertThat(DufNumber.check("1".repeat(41)).problem()).contains("altfor langt");
        assertThat(DufNumber.check(null).problem()).isEqualTo("Skriv inn DUF-nummeret til saken.");
    }
}
