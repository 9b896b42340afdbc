package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import no.budstikke.model.Priority;
import no.budstikke.testing.CountingProxy;
import no.budstikke.testing.SendsThroughCuts;
import no.budstikke.testing.SftpTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH sessions the deliver-sftp route keeps to an office, counted by the server (Apache MINA
 * SSHD) as it opens them; a proxy in front of it cuts every open connection when told.
 */
class SftpSessionsIT {

    private static final int SENDERS = 4;
    private static final String FOLDER = "politi/vest/inbound";

    @TempDir
    Path dir;

    private SftpTestServer server;
    private CountingProxy proxy;
    private CamelContext camel;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = SftpTestServer.start(dir);
        server.folder(FOLDER);
        proxy = new CountingProxy(server.port());
        Properties p = new Properties();
        p.putAll(server.hubSettingsThrough(proxy.port()));
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:routes/4-channels/deliver-sftp.camel.yaml"));
        ctx.start();
        camel = ctx;
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) camel.close();
        if (proxy != null) proxy.close();
        if (server != null) server.close();
    }

    @Test
    void twoHundredFilesFromFourSendersTakeAtMostOneSessionPerSender() throws Exception {
        List<Delivery> notices = notices(200);

        List<Exchange> done = sendAll(notices);

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(written()).isEqualTo(fileNames(notices));
        System.out.printf("sftp: %d files over %d SSH sessions%n", notices.size(), server.sessionsOpened());
        assertThat(server.sessionsOpened()).isBetween(1, SENDERS);
    }

    @Test
    void aSessionTheServerDroppedIsOpenedAgainWithoutFailingTheNextFile() throws Exception {
        for (Delivery d : notices(5)) assertThat(send(d).getException()).isNull();
        assertThat(server.sessionsOpened()).isEqualTo(1);
        proxy.dropAll();
        Thread.sleep(200);

        List<Exchange> after = new ArrayList<>();
        for (Delivery d : notices(5)) after.add(send(d));

        assertThat(after).allSatisfy(e -> assertThat(e.getException()).as("a dropped idle session is noticed before use").isNull());
        assertThat(server.sessionsOpened()).isEqualTo(2);
        assertThat(written()).hasSize(10);
    }

    @Test
    void aServerThatDropsItsConnectionsMidStreamLosesNoFileAndFailsOnlyTheFilesInFlight() throws Exception {
        List<Delivery> notices = notices(200);
        List<Failure> seen = SendsThroughCuts.send(notices, SENDERS, proxy, this::send,
                t -> new FailureClassifier(Map.of(Channel.SFTP, new SftpFailures())).classify(Channel.SFTP, t), Duration.ofSeconds(180));

        System.out.printf("sftp with cuts: %d notices, %d failed writes, %d SSH sessions%n",
                notices.size(), seen.size(), server.sessionsOpened());
        // Every notice once, complete, under its own name; no half-written .part left behind.
        assertThat(written()).isEqualTo(fileNames(notices));
        for (Delivery d : notices) {
            assertThat(Files.readString(server.root().resolve(FOLDER).resolve(d.noticeId() + ".json"), StandardCharsets.UTF_8))
                    .isEqualTo(d.document());
        }
    }

    private Exchange send(Delivery d) {
        return camel.createProducerTemplate().send("direct:deliver-sftp", e -> e.getIn().setBody(d));
    }

    private List<Exchange> sendAll(List<Delivery> notices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<List<Exchange>>> parts = new ArrayList<>();
            for (List<Delivery> share : SendsThroughCuts.shares(notices, SENDERS)) parts.add(pool.submit(() -> share.stream().map(this::send).toList()));
            List<Exchange> out = new ArrayList<>();
            for (Future<List<Exchange>> f : parts) out.addAll(f.get(180, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> written() {
        Set<String> out = new TreeSet<>();
        server.files().forEach(f -> out.add(f.substring(f.lastIndexOf('/') + 1)));
        return out;
    }

    private static Set<String> fileNames(List<Delivery> notices) {
        Set<String> out = new TreeSet<>();
        notices.forEach(d -> out.add(d.noticeId() + ".json"));
        return out;
    }

    private List<Delivery> notices(int count) {
        String address = "sftp://127.0.0.1:" + proxy.port() + "/" + FOLDER;
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("%032x", 0x5f7b_0000L + ids.incrementAndGet());
            String document = "{\"noticeId\":\"" + id + "\",\"duty\":\"O17\",\"content\":{\"note\":\"sist sett på Bryggen\"}}";
            out.add(new Delivery(id, "O17", "missing-person", Priority.URGENT, "police-vest", "Vest politidistrikt",
                    Channel.SFTP, address, 1, document));
        }
        return out;
    }
}
