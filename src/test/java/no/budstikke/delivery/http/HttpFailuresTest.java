package no.budstikke.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import no.budstikke.delivery.Failure;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFailuresTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String URL = "https://api.oslo.politi.example/ema/notices";
    static final String ECHOED = "{\"content\":{\"name\":\"Ola Nordmann\",\"fnr\":\"12345678901\"}}";

    final HttpFailures failures = new HttpFailures(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "HTTP {0} → permanent {1}")
    @CsvSource({
            "400, true", "401, true", "403, true", "404, true", "405, true", "409, true", "410, true", "413, true",
            "415, true", "422, true", "451, true", "499, true",
            "408, false", "429, false",
            "500, false", "501, false", "502, false", "503, false", "504, false", "599, false",
            "301, true", "302, true", "303, true", "307, true", "308, true"})
    void theStatusDecidesWhetherToRetry(int status, boolean permanent) {
        Failure f = failures.classify(new HttpRejectedException(status, "api.oslo.politi.example", null)).orElseThrow();

        assertThat(f).isEqualTo(new Failure(permanent, "HTTP " + status, Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({"503, 7, PT7S", "429, 120, PT2M", "408, 1, PT1S", "500, 'Sun, 01 Mar 2026 10:05:00 GMT', PT5M"})
    void aRetriedStatusHonoursRetryAfter(int status, String retryAfter, Duration wait) {
        assertThat(failures.classify(new HttpRejectedException(status, "h", retryAfter)))
                .contains(new Failure(false, "HTTP " + status, Optional.of(wait)));
    }

    @Test
    void aPermanentStatusIgnoresRetryAfter() {
        assertThat(failures.classify(new HttpRejectedException(404, "h", "7"))).contains(Failure.permanentFailure("HTTP 404"));
    }

    @Test
    void camelHttpsOwnExceptionIsClassifiedTooWithoutItsBodyOrUrl() {
        HttpOperationFailedException e = new HttpOperationFailedException(URL + "?q=secret", 503, "Service Unavailable", null,
                Map.of("retry-after", "30"), ECHOED);

        Failure f = failures.classify(e).orElseThrow();

        assertThat(f).isEqualTo(new Failure(false, "HTTP 503", Optional.of(Duration.ofSeconds(30))));
        assertThat(f.toString()).doesNotContain("Nordmann").doesNotContain("12345678901").doesNotContain("politi").doesNotContain("secret");
    }

    @Test
    void networkFailuresAndTimeoutsAreRetriedNamedByTheirClass() {
        for (IOException e : new IOException[] {new SocketTimeoutException("Read timed out"),
                new ConnectTimeoutException("Connect to " + URL + " timed out"), new ConnectException("Connection refused"),
                new HttpHostConnectException("Connect to " + URL + " failed"), new NoRouteToHostException(URL),
                new UnknownHostException("api.oslo.politi.example"), new NoHttpResponseException("no response")}) {
            assertThat(failures.classify(e)).as(e.getClass().getName())
                    .contains(Failure.transientFailure(e.getClass().getName()));
        }
    }

    @Test
    void theCauseChainIsSearched() {
        Throwable wrapped = new CamelExecutionException("Exception occurred during execution", null,
                new RuntimeCamelException(new UncheckedIOException(new SocketTimeoutException("Read timed out"))));

        assertThat(failures.classify(wrapped)).contains(Failure.transientFailure("java.net.SocketTimeoutException"));
        assertThat(failures.classify(new CamelExecutionException("x", null, new HttpRejectedException(429, "h", "7"))))
                .contains(new Failure(false, "HTTP 429", Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void theHubsOwnAddressAndSecretErrorsAreDescribedByTheirMessage() {
        HttpAddressException address = new HttpAddressException("office 'x': address must not have a query string");
        OfficeSecretException secret = new OfficeSecretException("x", "budstikke.delivery.auth.x", "is not set");

        assertThat(failures.classify(new RuntimeCamelException(address))).contains(Failure.permanentFailure(address.getMessage()));
        assertThat(failures.classify(secret)).contains(Failure.transientFailure(secret.getMessage()));
    }

    @Test
    void anythingElseIsNotRecognised() {
        assertThat(failures.classify(new IllegalStateException("?"))).isEmpty();
        assertThat(failures.classify(null)).isEmpty();
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(failures.classify(a)).isEmpty();
    }
}
