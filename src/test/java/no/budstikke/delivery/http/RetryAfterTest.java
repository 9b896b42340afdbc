package no.budstikke.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    /** Sunday 6 November 1994, 08:49:37 UTC: the example date of RFC 9110. */
    static final Instant NOW = Instant.parse("1994-11-06T08:49:07Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "7                             | PT7S",
            "' 120 '                       | PT2M",
            "86400                         | PT24H",
            // HTTP-date, in the three forms a recipient must accept, 30 s after NOW
            "Sun, 06 Nov 1994 08:49:37 GMT | PT30S",
            "Sunday, 06-Nov-94 08:49:37 GMT | PT30S",
            "Sun Nov  6 08:49:37 1994      | PT30S"})
    void deltaSecondsAndHttpDatesAreAWait(String header, Duration wait) {
        assertThat(RetryAfter.parse(header, NOW)).contains(wait);
    }

    @ParameterizedTest
    @ValueSource(strings = {"86401", "999999999", "99999999999999999999999", "Mon, 07 Nov 1994 08:49:38 GMT"})
    void aWaitAboveTheCeilingIsCutToIt(String header) {
        assertThat(RetryAfter.parse(header, NOW)).contains(RetryAfter.CEILING);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-5", "1.5", "7s", "soon", "Sun, 06 Nov 1994 08:49:07 GMT", "Sat, 05 Nov 1994 08:49:37 GMT",
            "1994-11-06T09:00:00Z", "Sun, 06 Nov 1994 25:00:00 GMT"})
    void anythingElseOrATimeNotInTheFutureIsNoWait(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }
}
