package no.budstikke.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {

    @Test
    void theReceiptIsTheStatusAndThePlainRequestIdOfTheOffice() {
        assertThat(HttpOutcomes.receipt(201, Map.of())).isEqualTo("HTTP 201");
        assertThat(HttpOutcomes.receipt(201, Map.of("x-request-id", "rcpt-42"))).isEqualTo("HTTP 201 X-Request-Id=rcpt-42");
        assertThat(HttpOutcomes.receipt(202, Map.of("Request-Id", List.of("a1", "a2")))).isEqualTo("HTTP 202 Request-Id=a1");
        assertThat(HttpOutcomes.receipt(200, Map.of("X-Correlation-Id", "9f8e:77", "Location", "/notices/1")))
                .isEqualTo("HTTP 200 X-Correlation-Id=9f8e:77");
    }

    @Test
    void anIdThatCouldBePersonalIsNotKept() {
        assertThat(HttpOutcomes.receipt(201, Map.of("X-Request-Id", "12345678901"))).isEqualTo("HTTP 201");
        assertThat(HttpOutcomes.receipt(201, Map.of("X-Request-Id", "case-12345678901-x"))).isEqualTo("HTTP 201");
        assertThat(HttpOutcomes.receipt(201, Map.of("X-Request-Id", "Ola Nordmann"))).isEqualTo("HTTP 201");
        assertThat(HttpOutcomes.receipt(201, Map.of("X-Request-Id", "x".repeat(101)))).isEqualTo("HTTP 201");
    }

    @Test
    void aRejectionKeepsTheStatusTheHostAndRetryAfterButNotTheBodyOrTheUrl() {
        Map<String, String> headers = Map.of("retry-after", "7");
        HttpOperationFailedException e = new HttpOperationFailedException(
                "https://api.oslo.politi.example/ema/notices?tenant=t1", 429, "Too Many Requests", null, headers,
                "{\"fnr\":\"12345678901\"}");

        HttpRejectedException r = catchThrowableOfType(HttpRejectedException.class, () -> HttpOutcomes.rejected(e));

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.retryAfter()).contains("7");
        assertThat(r).hasMessage("HTTP 429 from api.oslo.politi.example").hasNoCause();
        assertThat(r.toString()).doesNotContain("12345678901").doesNotContain("/ema/notices").doesNotContain("tenant");
    }
}
