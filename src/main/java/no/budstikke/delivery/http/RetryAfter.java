package no.budstikke.delivery.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Retry-After header (RFC 9110, 10.2.3): delta-seconds or an HTTP-date, in any of the three
 * date forms a recipient must accept. Anything else, or a time not in the future, is no request
 * to wait. A wait above {@link #CEILING} is cut to it, so one stray header cannot park a notice.
 */
public final class RetryAfter {

    public static final Duration CEILING = Duration.ofDays(1);

    private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            DateTimeFormatter.RFC_1123_DATE_TIME,
            // obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(1970, 1, 1))
                    .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC),
            // obsolete asctime: Sun Nov  6 08:49:37 1994
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        if (DELTA_SECONDS.matcher(v).matches()) {
            // Longer than the ceiling in any case; also keeps parseLong from overflowing.
            Duration wait = v.length() > 9 ? CEILING : Duration.ofSeconds(Long.parseLong(v));
            return positive(wait);
        }
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return positive(Duration.between(now, ZonedDateTime.parse(v, format).toInstant()));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> positive(Duration wait) {
        if (wait.isNegative() || wait.isZero()) return Optional.empty();
        return Optional.of(wait.compareTo(CEILING) > 0 ? CEILING : wait);
    }
}
