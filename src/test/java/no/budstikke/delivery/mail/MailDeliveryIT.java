package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.Failure;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestOffices;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mail route as the hub runs it (routes/4-channels/deliver-mail.camel.yaml, nothing else), against a real
 * SMTP server on loopback: GreenMail, or a scripted server for the refusals GreenMail never gives.
 */
class MailDeliveryIT {

    static final String USER = "hub";
    static final String PASSWORD = "p@ss&w+rd=%?#";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("hub@hub.example", USER, PASSWORD));

    final MailComposer composer = TestNotices.composer();
    final MailFailures failures = new MailFailures();
    final Delivery o12 = TestNotices.of("moved-without-clearance", "O12");
    CamelContext camel;
    MailRelay relay;

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) camel.close();
        if (relay != null) relay.close();
    }

    @Test
    void theNoticeArrivesAsOneMailWithSubjectBodyAttachmentAndMessageId() throws Exception {
        start(local(greenMail.getSmtp().getPort()));

        Exchange done = send(o12, Map.of());

        assertThat(done.getException()).isNull();
        MimeMessage mail = awaitMails(1)[0];
        String messageId = "<" + o12.noticeId() + "@budstikke.example>";
        assertThat(mail.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress("barnevern@hamar.kommune.example"));
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("budstikke@hub.example", "Budstikke"));
        assertThat(mail.getSubject()).isEqualTo("[HASTER] Bekymringsmelding om enslig mindreårig asylsøker – ref "
                + o12.noticeId().substring(0, 8));
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        assertThat(mail.getHeader(MailComposer.NOTICE_ID_HEADER, null)).isEqualTo(o12.noticeId());

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("Meldingen gjelder et barn som er enslig mindreårig asylsøker")
                .contains("Navn: Farid Ahmadi")
                .contains("Ny adresse: Storgata 12, 2317 Hamar")
                .contains("Varslingsplikt: O12")
                .contains("Rettslig grunnlag for utleveringen: barnevernloven § 6-4; utlendingsforskriften § 17-6");
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("notice-" + o12.noticeId() + ".json");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(o12.document().getBytes(StandardCharsets.UTF_8));

        assertThat(done.getMessage().getHeaders()).containsExactly(Map.entry("BudstikkeReceipt", messageId));
    }

    @Test
    void aSecondAttemptAtTheSameNoticeCarriesTheSameMessageId() throws Exception {
        start(local(greenMail.getSmtp().getPort()));

        assertThat(send(o12, Map.of()).getException()).isNull();
        assertThat(send(TestNotices.withDocument(o12, o12.document()), Map.of()).getException()).isNull();

        MimeMessage[] mails = awaitMails(2);
        assertThat(mails[0].getMessageID()).isEqualTo(mails[1].getMessageID()).isEqualTo(MailComposer.messageId(o12.noticeId()));
    }

    @Test
    void inboundHeadersCannotChangeTheRecipientOrTheMessage() throws Exception {
        start(local(greenMail.getSmtp().getPort()));
        Map<String, Object> inbound = new HashMap<>();
        inbound.put("To", "someone@evil.example");
        inbound.put("Cc", "copy@evil.example");
        inbound.put("Bcc", "hidden@evil.example");
        inbound.put("From", "spoof@evil.example");
        inbound.put("Subject", "Farid Ahmadi, DUF 202401020304");
        inbound.put("CamelHttpUri", "http://evil.example/");
        inbound.put("mail.smtp.host", "evil.example");
        inbound.put("mail.smtp.from", "bounce@evil.example");

        Exchange done = send(o12, inbound);

        assertThat(done.getException()).isNull();
        MimeMessage mail = awaitMails(1)[0];
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("barnevern@hamar.kommune.example"));
        assertThat(mail.getSubject()).doesNotContain("Farid");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("budstikke@hub.example", "Budstikke"));
        assertThat(mail.getHeader("Return-Path", null)).isEqualTo("<budstikke@hub.example>");
        assertThat(greenMail.getReceivedMessagesForDomain("evil.example")).isEmpty();
        assertThat(done.getMessage().getHeaders()).containsOnlyKeys("BudstikkeReceipt");
    }

    @Test
    void starttlsIsRequiredUnlessSwitchedOffAndNoHeaderSwitchesItOff() throws Exception {
        Map<String, String> settings = local(greenMail.getSmtp().getPort());
        settings.remove("budstikke.mail.starttls-required"); // the default
        start(settings);

        Exchange done = send(o12, Map.of("mail.smtp.starttls.required", "false", "mail.smtp.starttls.enable", "false"));

        // GreenMail offers no STARTTLS: nothing may go out in clear text
        assertThat(done.getException()).isNotNull();
        assertThat(failures.classify(done.getException())).contains(Failure.transientFailure("MessagingException"));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsATransientFailure() throws Exception {
        int port = greenMail.getSmtp().getPort();
        start(local(port));
        greenMail.stop();

        Exchange done = send(o12, Map.of());

        Failure f = failures.classify(done.getException()).orElseThrow();
        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("MailConnectException (ConnectException)");
    }

    @Test
    void aRecipientRefusedWith550IsPermanentAndTheAddressStaysOutOfTheLogs() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 %s: Recipient address rejected: User unknown", "250 OK");
             LogCapture logs = LogCapture.attach()) {
            start(local(server.port()));

            Exchange done = send(o12, Map.of());

            assertThat(failures.classify(done.getException())).contains(Failure.permanentFailure("SMTPAddressFailedException 550"));
            assertThat(server.messagesTaken()).isZero();
            assertThat(logs.all()).doesNotContain("barnevern@hamar").doesNotContain("Farid");
        }
    }

    @Test
    void aDeferredRecipientIsTransientAndARefusedMessagePermanent() throws Exception {
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 %s: Temporary lookup failure", "250 OK")) {
            start(local(busy.port()));
            assertThat(failures.classify(send(o12, Map.of()).getException()))
                    .contains(Failure.transientFailure("SMTPAddressFailedException 451"));
            camel.close();
        }
        try (ScriptedSmtpServer strict = new ScriptedSmtpServer("250 OK", "554 5.7.1 Message rejected as spam")) {
            start(local(strict.port()));
            assertThat(failures.classify(send(o12, Map.of()).getException()))
                    .contains(Failure.permanentFailure("SMTPSendFailedException 554"));
        }
    }

    @Test
    void theConfiguredCredentialsAreUsedAsTheyAre() throws Exception {
        Map<String, String> settings = local(greenMail.getSmtp().getPort());
        settings.put("budstikke.mail.username", USER);
        settings.put("budstikke.mail.password", PASSWORD);
        start(settings);
        assertThat(send(o12, Map.of()).getException()).isNull();
        awaitMails(1);
        camel.close();

        settings.put("budstikke.mail.password", "wrong");
        start(settings);
        Exchange refused = send(o12, Map.of());
        assertThat(failures.classify(refused.getException())).contains(Failure.transientFailure("AuthenticationFailedException"));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    private Map<String, String> local(int port) {
        Map<String, String> s = new HashMap<>();
        s.putAll(TestOffices.mailServer(port));
        return s;
    }

    private void start(Map<String, String> settings) throws Exception {
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("mailComposer", composer);
        if (relay != null) relay.close();
        relay = relay(settings);
        ctx.getRegistry().bind("mailRelay", relay);
        Properties p = new Properties();
        p.putAll(settings);
        ctx.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:routes/4-channels/deliver-mail.camel.yaml"));
        ctx.start();
        camel = ctx;
    }

    /** The relay as the hub makes it from these settings; closed with the context. */
    static MailRelay relay(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("budstikke.mail.from", "Budstikke <budstikke@hub.example>");
        return new MailRelay(MailSettings.from(new no.budstikke.config.HubSettings(k -> java.util.Optional.ofNullable(all.get(k)))));
    }

    private Exchange send(Delivery d, Map<String, Object> headers) {
        return camel.createProducerTemplate().send("direct:deliver-mail", e -> {
            e.getMessage().setHeaders(new HashMap<>(headers));
            e.getMessage().setBody(d);
        });
    }

    private static MimeMessage[] awaitMails(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length >= count);
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(count);
        return mails;
    }
}
