package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import no.budstikke.delivery.Failure;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class MailFailuresTest {

    static final String ADDRESS = "barnevern@oslo.kommune.example";
    final MailFailures failures = new MailFailures();

    @Test
    void aRecipientRefusedWith5xxIsPermanent() throws Exception {
        Failure f = failures.classify(refused(550, "550 5.1.1 <" + ADDRESS + ">: Recipient address rejected")).orElseThrow();

        assertThat(f.permanent()).isTrue();
        assertThat(f.detail()).isEqualTo("SMTPAddressFailedException 550");
        assertThat(f.retryAfter()).isEmpty();
    }

    @Test
    void aRecipientDeferredWith4xxIsTransient() throws Exception {
        Failure f = failures.classify(refused(451, "451 4.3.0 <" + ADDRESS + ">: try again later")).orElseThrow();

        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("SMTPAddressFailedException 451");
    }

    @Test
    void aMessageRefusedWith5xxIsPermanentAnd4xxTransient() {
        assertThat(failures.classify(sendFailed(".", 554))).contains(Failure.permanentFailure("SMTPSendFailedException 554"));
        assertThat(failures.classify(sendFailed("DATA", 554))).contains(Failure.permanentFailure("SMTPSendFailedException 554"));
        assertThat(failures.classify(sendFailed(".", 452))).contains(Failure.transientFailure("SMTPSendFailedException 452"));
    }

    @Test
    void aRefusedSenderIsOursToFixSoItIsRetried() {
        assertThat(failures.classify(sendFailed("MAIL FROM:<budstikke@hub.example>", 553)))
                .contains(Failure.transientFailure("SMTPSendFailedException 553"));
    }

    @Test
    void connectionProblemsAndOtherMailErrorsAreTransient() {
        assertThat(failures.classify(new MessagingException("Couldn't connect to host", new ConnectException("refused"))))
                .contains(Failure.transientFailure("MessagingException (ConnectException)"));
        assertThat(failures.classify(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))))
                .contains(Failure.transientFailure("MessagingException (SocketTimeoutException)"));
        assertThat(failures.classify(new MessagingException("STARTTLS is required but host does not support STARTTLS")))
                .contains(Failure.transientFailure("MessagingException"));
        assertThat(failures.classify(new AuthenticationFailedException("535 5.7.8 bad credentials")))
                .contains(Failure.transientFailure("AuthenticationFailedException"));
    }

    @Test
    void aFailureWrappedByCamelIsStillRecognised() throws Exception {
        RuntimeException wrapped = new RuntimeException("Exception occurred during execution on the exchange",
                refused(550, "550 no such user " + ADDRESS));

        assertThat(failures.classify(wrapped)).contains(Failure.permanentFailure("SMTPAddressFailedException 550"));
    }

    @Test
    void aNoticeThatCannotBeAMailIsPermanent() {
        assertThat(failures.classify(new MailCompositionException("no mail template for notice kind 'x'")))
                .contains(Failure.permanentFailure("MailCompositionException"));
        assertThat(failures.classify(new AddressException("Illegal address", ADDRESS)))
                .contains(Failure.permanentFailure("AddressException"));
    }

    @Test
    void anythingElseIsNotTheMailChannelsToJudge() {
        assertThat(failures.classify(new IllegalStateException("boom"))).isEmpty();
        assertThat(failures.classify(null)).isEmpty();
    }

    @Test
    void theDetailNeverQuotesTheReplyOrTheAddress() throws Exception {
        Optional<Failure> f = failures.classify(refused(550, "550 5.1.1 <" + ADDRESS + "> unknown; Farid Ahmadi"));
        assertThat(f.orElseThrow().detail()).doesNotContain("@").doesNotContain("Farid").doesNotContain("kommune");
    }

    /** As angus-mail reports a refused RCPT: a SendFailedException with the address failure nested. */
    static MessagingException refused(int code, String reply) throws AddressException {
        InternetAddress a = new InternetAddress(ADDRESS);
        SMTPAddressFailedException rcpt = new SMTPAddressFailedException(a, "RCPT TO:<" + ADDRESS + ">", code, reply);
        return new SendFailedException("Invalid Addresses", rcpt, new Address[0], new Address[0], new Address[] {a});
    }

    static SMTPSendFailedException sendFailed(String command, int code) {
        return new SMTPSendFailedException(command, code, code + " refused", null, new Address[0], new Address[0], new Address[0]);
    }
}
