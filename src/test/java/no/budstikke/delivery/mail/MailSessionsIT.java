package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.Failure;
import no.budstikke.delivery.FailureClassifier;
import no.budstikke.model.Channel;
import no.budstikke.testing.CountingProxy;
import no.budstikke.testing.SendsThroughCuts;
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
 * The SMTP sessions the mail route keeps to its relay, counted on the relay's side: a proxy in
 * front of GreenMail counts each connection the relay is asked for, and can cut them all.
 */
class MailSessionsIT {

    private static final int SENDERS = 4;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final MailComposer composer = TestNotices.composer();
    private final MailFailures failures = new MailFailures();
    private final Delivery o12 = TestNotices.of("moved-without-clearance", "O12");
    private final AtomicInteger ids = new AtomicInteger();
    private CountingProxy proxy;
    private CamelContext camel;
    private MailRelay relay;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) camel.close();
        if (relay != null) relay.close();
        if (proxy != null) proxy.close();
    }

    @Test
    void twoHundredMailsFromFourSendersTakeAtMostOneSessionPerSender() throws Exception {
        start(Map.of());

        List<Delivery> notices = notices(200);
        List<Exchange> done = sendAll(notices, SENDERS);

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(receivedIds(200)).isEqualTo(idsOf(notices));
        System.out.printf("mail: %d messages over %d SMTP connections%n", notices.size(), proxy.connections());
        assertThat(proxy.connections()).isBetween(1, SENDERS);
    }

    @Test
    void aSessionIsReplacedAfterItsMessageCountAndAfterItsIdleTime() throws Exception {
        start(Map.of("budstikke.mail.session-max-messages", "10", "budstikke.mail.session-idle-ms", "300"));

        sendAll(notices(30), 1).forEach(e -> assertThat(e.getException()).isNull());
        assertThat(proxy.connections()).isEqualTo(3);

        Thread.sleep(1_000);
        assertThat(relay.idleSessions()).as("the idle session was closed").isZero();
        sendAll(notices(1), 1).forEach(e -> assertThat(e.getException()).isNull());
        assertThat(proxy.connections()).isEqualTo(4);
        receivedIds(31);
    }

    @Test
    void aSessionTheRelayClosedIsReopenedWithoutFailingTheNextMail() throws Exception {
        start(Map.of());
        sendAll(notices(5), 1).forEach(e -> assertThat(e.getException()).isNull());

        proxy.dropAll();
        Thread.sleep(200);

        sendAll(notices(5), 1).forEach(e -> assertThat(e.getException()).as("a closed idle session is noticed before use").isNull());
        assertThat(proxy.connections()).isEqualTo(2);
        receivedIds(10);
    }

    @Test
    void aRelayThatDropsItsConnectionsMidStreamLosesNoMailAndFailsOnlyTheMailsInFlight() throws Exception {
        start(Map.of());
        List<Delivery> notices = notices(200);
        List<Failure> seen = SendsThroughCuts.send(notices, SENDERS, proxy, this::send,
                t -> new FailureClassifier(Map.of(Channel.MAIL, failures)).classify(Channel.MAIL, t), Duration.ofSeconds(120));

        Set<String> expected = idsOf(notices);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> distinctReceivedIds().containsAll(expected));
        assertThat(distinctReceivedIds()).isEqualTo(expected);
        // A mail the relay took just before the cut may come twice, with its one Message-ID: no other copy.
        System.out.printf("mail with cuts: %d notices, %d failed sends, %d received, %d SMTP connections%n",
                notices.size(), seen.size(), greenMail.getReceivedMessages().length, proxy.connections());
        assertThat(greenMail.getReceivedMessages().length).isLessThanOrEqualTo(notices.size() + seen.size());
    }

    private void start(Map<String, String> extra) throws Exception {
        proxy = new CountingProxy(greenMail.getSmtp().getPort());
        Map<String, String> settings = new HashMap<>(TestOffices.mailServer(proxy.port()));
        settings.putAll(extra);
        relay = MailDeliveryIT.relay(settings);
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("mailComposer", composer);
        ctx.getRegistry().bind("mailRelay", relay);
        Properties p = new Properties();
        p.putAll(settings);
        ctx.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:routes/4-channels/deliver-mail.camel.yaml"));
        ctx.start();
        camel = ctx;
    }

    private Exchange send(Delivery d) {
        return camel.createProducerTemplate().send("direct:deliver-mail", e -> e.getMessage().setBody(d));
    }

    private List<Exchange> sendAll(List<Delivery> notices, int senders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<Exchange>>> parts = new ArrayList<>();
            for (List<Delivery> share : SendsThroughCuts.shares(notices, senders)) {
                parts.add(pool.submit(() -> share.stream().map(this::send).toList()));
            }
            List<Exchange> out = new ArrayList<>();
            for (Future<List<Exchange>> f : parts) out.addAll(f.get(120, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} notices like O12's, each with its own id. */
    private List<Delivery> notices(int count) {
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("%032x", 0x5e55_0000L + ids.incrementAndGet());
            ObjectNode doc = (ObjectNode) TestNotices.read(o12);
            doc.put("noticeId", id);
            out.add(new Delivery(id, o12.duty(), o12.kind(), o12.priority(), o12.officeId(), o12.officeName(), o12.channel(),
                    o12.address(), 1, TestNotices.pretty(doc)));
        }
        return out;
    }

    private static Set<String> idsOf(List<Delivery> notices) {
        Set<String> out = new TreeSet<>();
        notices.forEach(d -> out.add(MailComposer.messageId(d.noticeId())));
        return out;
    }

    private static Set<String> receivedIds(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length >= count);
        assertThat(greenMail.getReceivedMessages()).hasSize(count);
        return distinctReceivedIds();
    }

    private static Set<String> distinctReceivedIds() {
        Set<String> out = new TreeSet<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                out.add(m.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
