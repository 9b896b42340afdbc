package no.budstikke.bench.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Channel;
import no.budstikke.testing.SftpTestServer;

/** The three loopback servers, shared by every database's run. */
final class Servers implements AutoCloseable {

    final WireMockServer http;
    final GreenMail mail;
    final SftpTestServer sftp;
    final Map<String, AtomicLong> httpByPath = new ConcurrentHashMap<>();
    /** Requests per Idempotency-Key (the notice id): more than one is a notice sent twice. */
    final Map<String, AtomicInteger> httpByKey = new ConcurrentHashMap<>();

    private Servers(WireMockServer http, GreenMail mail, SftpTestServer sftp) {
        this.http = http;
        this.mail = mail;
        this.sftp = sftp;
    }

    static Servers start(Path runDir) throws Exception {
        // HTTP: every POST answers 201. No request journal: 50,000 requests would be kept in memory.
        WireMockServer http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().containerThreads(24).jettyAcceptors(1));
        http.start();
        http.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "bench")));

        // SMTP without login and without TLS, as in EndToEndIT.
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();

        // SFTP: the tests' server (RSA 3072 client key, ECDSA host key), a folder for every SFTP office.
        SftpTestServer sftp = SftpTestServer.start(runDir.resolve("sftp"));
        new Dispatcher(HubConfigLoader.load(Path.of("config"))).config().directory().offices().stream()
                .filter(o -> o.channel() == Channel.SFTP).forEach(o -> sftp.folder(o.id()));

        Servers s = new Servers(http, mail, sftp);
        http.addMockServiceRequestListener((request, response) -> {
            s.httpByPath.computeIfAbsent(URI.create(request.getUrl()).getPath(), p -> new AtomicLong()).incrementAndGet();
            String key = request.getHeader("Idempotency-Key");
            if (key != null) s.httpByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        });
        return s;
    }

    /** From now on, {@code path} answers 201 only after {@code delayMs}. */
    void answerSlowly(String path, int delayMs) {
        http.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withFixedDelay(delayMs)));
    }

    /** Forgets what the servers received (between databases: the bench offices' notice ids repeat). */
    void forget() throws Exception {
        httpByKey.clear();
        mail.purgeEmailFromAllMailboxes();
    }

    /** Notices that reached a server more than once: HTTP by Idempotency-Key, mail by Message-ID. */
    String duplicates() throws Exception {
        long http = httpByKey.values().stream().filter(n -> n.get() > 1).count();
        Map<String, Integer> ids = new HashMap<>();
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) ids.merge(m.getMessageID(), 1, Integer::sum);
        long mails = ids.values().stream().filter(n -> n > 1).count();
        return http == 0 && mails == 0 ? null
                : String.format(Locale.ROOT, "%d notices reached their HTTP office more than once, %d their mailbox", http, mails);
    }

    Received received() throws IOException {
        Map<String, Long> byPath = new TreeMap<>();
        httpByPath.forEach((p, n) -> byPath.put(p, n.get()));
        long files = sftp.files().stream().filter(f -> f.endsWith(".json")).count();
        return new Received(byPath, mail.getReceivedMessages().length, files);
    }

    /** The servers got exactly one message per notice the hub marked DELIVERED. */
    boolean check(String part, Received before, Received after, Map<String, Long> delivered) {
        return compare(part, before, after, delivered, true);
    }

    /** The servers got at least one message per notice the hub marked DELIVERED (others were being sent too). */
    boolean checkAtLeast(String part, Received before, Received after, Map<String, Long> delivered) {
        return compare(part, before, after, delivered, false);
    }

    private boolean compare(String part, Received before, Received after, Map<String, Long> delivered, boolean exact) {
        long http = after.httpTotal() - before.httpTotal();
        long mails = after.mails() - before.mails();
        long files = after.files() - before.files();
        boolean ok = exact
                ? http == delivered.get("HTTP") && mails == delivered.get("MAIL") && files == delivered.get("SFTP")
                : http >= delivered.get("HTTP") && mails >= delivered.get("MAIL") && files >= delivered.get("SFTP");
        System.out.printf(Locale.ROOT, "%s servers received: HTTP %d, mail %d, SFTP files %d (notices DELIVERED: HTTP %d, mail %d, SFTP %d%s)%n",
                ok ? "check ok:" : "FAIL " + part + ":", http, mails, files, delivered.get("HTTP"), delivered.get("MAIL"), delivered.get("SFTP"),
                exact ? "" : "; the servers' counts include the backlog and other notices sent meanwhile");
        return ok;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // going away
        }
        mail.stop();
        http.stop();
    }
}
