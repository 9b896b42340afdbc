package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import no.budstikke.delivery.http.HttpFailures;
import no.budstikke.delivery.http.HttpRejectedException;
import no.budstikke.delivery.mail.MailFailures;
import no.budstikke.model.Channel;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier(
            Map.of(Channel.HTTP, new HttpFailures(Clock.systemUTC()), Channel.MAIL, new MailFailures()));

    @Test
    void anOfficeThatCannotBeReachedIsTheOfficesFailure() {
        assertThat(classifier.classify(Channel.HTTP, new IOException("x", new ConnectException("refused"))).office()).isTrue();
        assertThat(classifier.classify(Channel.HTTP, new SocketTimeoutException("read timed out")).office()).isTrue();
        assertThat(classifier.classify(Channel.HTTP, new SSLHandshakeException("no")).office()).isTrue();
        assertThat(classifier.classify(Channel.MAIL, new MessagingException("could not connect", new ConnectException())).office()).isTrue();
        assertThat(classifier.classify(Channel.SFTP, new RuntimeException(new ConnectException())).office()).isTrue();
    }

    @Test
    void aServerErrorIsTheOfficesAndAnAnswerAboutOneNoticeIsTheNoticesOwn() {
        assertThat(classifier.classify(Channel.HTTP, rejected(503))).satisfies(f -> {
            assertThat(f.office()).isTrue();
            assertThat(f.permanent()).isFalse();
        });
        assertThat(classifier.classify(Channel.HTTP, rejected(429)).office()).isFalse();
        assertThat(classifier.classify(Channel.HTTP, rejected(400))).satisfies(f -> {
            assertThat(f.office()).isFalse();
            assertThat(f.permanent()).isTrue();
        });
        assertThat(classifier.classify(Channel.HTTP, new IllegalStateException("unforeseen")).office()).isFalse();
    }

    private static HttpRejectedException rejected(int status) {
        return new HttpRejectedException(status, "office.example", null);
    }
}
