package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.Failure;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deliver-sftp route, loaded alone from routes/4-channels/, against a real Apache MINA SSHD SFTP server
 * on loopback that accepts one generated client key. Each test gets its own folder on the server,
 * and the server records each file written, renamed or removed: what the office could have seen.
 */
class SftpDeliveryIT {

    private static final String USER = "budstikke";
    /** As a setting's value in {@link #startHub}: the setting is absent. */
    private static final String UNSET = "<unset>";

    @TempDir
    static Path keys;

    @TempDir
    Path serverRoot;

    private static KeyPair clientKey;
    private static KeyPair hostKey;
    private static Path clientKeyFile;
    private static Path knownHosts;

    private static SshServer server;
    private static final VirtualFileSystemFactory files = new VirtualFileSystemFactory();
    /** "write f", "move f -> g", "remove f", in the order the server saw them. */
    private static final List<String> operations = new CopyOnWriteArrayList<>();
    private static final AtomicInteger passwordAttempts = new AtomicInteger();
    private static final AtomicInteger noticeCounter = new AtomicInteger();
    private static volatile boolean passwordOnly;

    private CamelContext hub;
    private ProducerTemplate producer;

    @BeforeAll
    static void startServer() throws Exception {
        clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 3072);
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        clientKeyFile = writePrivateKey(keys.resolve("id_budstikke"), clientKey, null);
        server = sftpServer(hostKey);
        server.start();
        knownHosts = writeKnownHosts(keys.resolve("known_hosts"), server.getPort(), hostKey);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.stop(true);
    }

    @BeforeEach
    void freshFolder() throws IOException {
        files.setDefaultHomeDir(serverRoot);
        Files.createDirectories(serverRoot.resolve("politi/vest/inbound"));
        operations.clear();
        passwordAttempts.set(0);
        passwordOnly = false;
    }

    @AfterEach
    void stopHub() {
        if (hub != null) hub.stop();
    }

    @Test
    void noticeIsWrittenUnderATemporaryNameThenRenamedToItsId() throws Exception {
        startHub(Map.of());
        Delivery d = delivery(address("/politi/vest/inbound"));

        Exchange done = send(d, Map.of());

        assertThat(done.getException()).isNull();
        assertThat(filesUnder(serverRoot)).containsExactly("politi/vest/inbound/" + d.noticeId() + ".json");
        assertThat(Files.readAllBytes(serverRoot.resolve("politi/vest/inbound/" + d.noticeId() + ".json")))
                .isEqualTo(d.document().getBytes(StandardCharsets.UTF_8));
        assertThat(operations).containsSubsequence("write " + d.noticeId() + ".json.part",
                "move " + d.noticeId() + ".json.part -> " + d.noticeId() + ".json");
        assertThat(operations).doesNotContain("write " + d.noticeId() + ".json");
        assertThat(done.getMessage().getHeaders()).containsOnlyKeys("BudstikkeReceipt");
        assertThat(done.getMessage().getHeader("BudstikkeReceipt", String.class))
                .isEqualTo("sftp://127.0.0.1:" + server.getPort() + "/politi/vest/inbound/" + d.noticeId() + ".json");
        assertThat(passwordAttempts).hasValue(0);
    }

    @Test
    void resendAfterACrashLeavesOneFileWithTheSameContent() throws Exception {
        startHub(Map.of());
        Delivery d = delivery(address("/politi/vest/inbound"));

        producer.sendBody("direct:deliver-sftp", d);
        operations.clear();
        producer.sendBody("direct:deliver-sftp", d);

        assertThat(filesUnder(serverRoot)).containsExactly("politi/vest/inbound/" + d.noticeId() + ".json");
        assertThat(Files.readString(serverRoot.resolve("politi/vest/inbound/" + d.noticeId() + ".json"))).isEqualTo(d.document());
        // The earlier copy stays whole until the new one is complete.
        assertThat(operations).containsExactly("write " + d.noticeId() + ".json.part", "remove " + d.noticeId() + ".json",
                "move " + d.noticeId() + ".json.part -> " + d.noticeId() + ".json");
    }

    @Test
    void halfWrittenFileLeftByACrashIsReplacedByTheResend() throws Exception {
        startHub(Map.of());
        Delivery d = delivery(address("/politi/vest/inbound"));
        Path inbound = serverRoot.resolve("politi/vest/inbound");
        Files.writeString(inbound.resolve(d.noticeId() + ".json.part"), d.document().substring(0, 20));

        producer.sendBody("direct:deliver-sftp", d);

        assertThat(filesUnder(serverRoot)).containsExactly("politi/vest/inbound/" + d.noticeId() + ".json");
        assertThat(Files.readString(inbound.resolve(d.noticeId() + ".json"))).isEqualTo(d.document());
    }

    @Test
    void inboundFileNameHeadersDoNotChooseWhereTheFileGoes() throws Exception {
        startHub(Map.of());
        Delivery d = delivery(address("/politi/vest/inbound"));

        send(d, Map.of("CamelFileName", "../../etc/passwd", "CamelOverruleFileName", "../evil.json",
                "CamelFileNameProduced", "x.json", "CamelFileParent", "/"));

        assertThat(filesUnder(serverRoot)).containsExactly("politi/vest/inbound/" + d.noticeId() + ".json");
    }

    @Test
    void concurrentDeliveriesToOneOfficeAllArrive() throws Exception {
        startHub(Map.of());
        List<Delivery> ds = Stream.generate(() -> delivery(address("/politi/vest/inbound"))).limit(8).toList();

        List<CompletableFuture<Object>> sent = ds.stream().map(d -> producer.asyncRequestBody("direct:deliver-sftp", d)).toList();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(filesUnder(serverRoot)).containsExactlyInAnyOrderElementsOf(
                ds.stream().map(d -> "politi/vest/inbound/" + d.noticeId() + ".json").toList());
    }

    @Test
    void anotherHostKeyInKnownHostsIsRefusedAndNothingIsWritten() throws Exception {
        KeyPair impostor = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path wrong = writeKnownHosts(keys.resolve("known_hosts_wrong"), server.getPort(), impostor);
        startHub(Map.of("budstikke.sftp.known-hosts-file", wrong.toString()));

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("JSchChangedHostKeyException: host-key-changed");
        assertThat(filesUnder(serverRoot)).isEmpty();
        assertThat(operations).isEmpty();
    }

    @Test
    void serverMissingFromKnownHostsIsRefused() throws Exception {
        Path empty = Files.writeString(keys.resolve("known_hosts_empty"), "");
        startHub(Map.of("budstikke.sftp.known-hosts-file", empty.toString()));

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f.detail()).isEqualTo("JSchUnknownHostKeyException: host-key-unknown");
        assertThat(filesUnder(serverRoot)).isEmpty();
        // Strict checking never adds a key on its own.
        assertThat(Files.readString(empty)).isEmpty();
    }

    @Test
    void keyTheServerDoesNotKnowIsRefused() throws Exception {
        Path stranger = writePrivateKey(keys.resolve("id_stranger"),
                KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256), null);
        startHub(Map.of("budstikke.sftp.private-key-file", stranger.toString()));

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("JSchException: auth-failed");
        assertThat(filesUnder(serverRoot)).isEmpty();
    }

    @Test
    void serverThatOnlyTakesPasswordsIsNeverOfferedOne() throws Exception {
        passwordOnly = true;
        startHub(Map.of());

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f.detail()).isEqualTo("JSchException: auth-failed");
        assertThat(passwordAttempts).hasValue(0);
        assertThat(filesUnder(serverRoot)).isEmpty();
    }

    @Test
    void encryptedKeyIsOpenedWithItsPassphrase() throws Exception {
        String passphrase = "korrekt hest&batteri+stift%20)(${body}";
        Path encrypted = writePrivateKey(keys.resolve("id_encrypted"), clientKey, passphrase);
        startHub(Map.of("budstikke.sftp.private-key-file", encrypted.toString(),
                "budstikke.sftp.private-key-passphrase", passphrase));
        Delivery d = delivery(address("/politi/vest/inbound"));

        producer.sendBody("direct:deliver-sftp", d);

        assertThat(filesUnder(serverRoot)).containsExactly("politi/vest/inbound/" + d.noticeId() + ".json");
        assertThat(hub.getEndpoints()).allSatisfy(e -> assertThat(e.getEndpointUri()).doesNotContain("korrekt"));
    }

    @Test
    void missingPrivateKeyFileFailsUntilOpsProvideIt() throws Exception {
        startHub(Map.of("budstikke.sftp.private-key-file", keys.resolve("not-mounted").toString()));

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f).isEqualTo(Failure.transientFailure("JSchException: private-key-unreadable"));
        assertThat(filesUnder(serverRoot)).isEmpty();
    }

    @Test
    void passphraseSettingMissingFailsUntilOpsSetIt() throws Exception {
        startHub(Map.of("budstikke.sftp.private-key-passphrase", UNSET));

        Failure f = failureOf(delivery(address("/politi/vest/inbound")));

        assertThat(f).isEqualTo(Failure.transientFailure("ResolveEndpointFailedException: endpoint-misconfigured"));
        assertThat(operations).isEmpty();
    }

    @Test
    void stoppedServerFailsTheAttemptForALaterRetry() throws Exception {
        SshServer gone = sftpServer(hostKey);
        gone.start();
        int port = gone.getPort();
        gone.stop(true);
        Path known = writeKnownHosts(keys.resolve("known_hosts_gone"), port, hostKey);
        startHub(Map.of("budstikke.sftp.known-hosts-file", known.toString()));

        Failure f = failureOf(delivery("sftp://127.0.0.1:" + port + "/politi/vest/inbound"));

        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("JSchException: connection-refused");
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path known = writeKnownHosts(keys.resolve("known_hosts_silent"), silent.getLocalPort(), hostKey);
            startHub(Map.of("budstikke.sftp.known-hosts-file", known.toString(), "budstikke.sftp.connect-timeout-ms", "500"));
            long start = System.nanoTime();

            Failure f = failureOf(delivery("sftp://127.0.0.1:" + silent.getLocalPort() + "/politi/vest/inbound"));

            assertThat(f.permanent()).isFalse();
            assertThat(f.detail()).isEqualTo("JSchException: timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void missingFolderIsNotCreatedOnTheOfficeServer() throws Exception {
        startHub(Map.of());

        Failure f = failureOf(delivery(address("/politi/nord/inbound")));

        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).isEqualTo("SftpException: sftp-no-such-file");
        assertThat(serverRoot.resolve("politi/nord")).doesNotExist();
        assertThat(filesUnder(serverRoot)).isEmpty();
    }

    @Test
    void addressThatIsNotSftpIsRefusedBeforeAnyConnection() throws Exception {
        startHub(Map.of());

        Failure f = failureOf(delivery("https://127.0.0.1:" + server.getPort() + "/politi/vest/inbound"));

        assertThat(f.permanent()).isTrue();
        assertThat(f.detail()).isEqualTo("SftpTargetException: undeliverable-target");
        assertThat(operations).isEmpty();
    }

    private void startHub(Map<String, String> overrides) throws Exception {
        Properties p = new Properties();
        p.put("budstikke.sftp.username", USER);
        p.put("budstikke.sftp.private-key-file", clientKeyFile.toString());
        p.put("budstikke.sftp.private-key-passphrase", "");
        p.put("budstikke.sftp.known-hosts-file", knownHosts.toString());
        p.put("budstikke.sftp.strict-host-key-checking", "yes");
        p.put("budstikke.sftp.connect-timeout-ms", "3000");
        p.put("budstikke.sftp.server-alive-interval-ms", "5000");
        overrides.forEach((k, v) -> {
            if (v.equals(UNSET)) p.remove(k); else p.put(k, v);
        });
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(p);
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:routes/4-channels/deliver-sftp.camel.yaml"));
        ctx.start();
        hub = ctx;
        producer = ctx.createProducerTemplate();
    }

    private Exchange send(Delivery d, Map<String, Object> headers) {
        return producer.send("direct:deliver-sftp", e -> {
            e.getIn().setBody(d);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
    }

    private Failure failureOf(Delivery d) {
        Throwable thrown = catchThrowable(() -> producer.sendBody("direct:deliver-sftp", d));
        assertThat(thrown).as("the send must fail").isNotNull();
        Optional<Failure> f = new SftpFailures().classify(thrown);
        assertThat(f).as("classified: %s", thrown).isPresent();
        return f.get();
    }

    private static String address(String folder) {
        return "sftp://127.0.0.1:" + server.getPort() + folder;
    }

    private static Delivery delivery(String address) {
        String id = String.format("%032x", noticeCounter.incrementAndGet() + 0xabc000L);
        String document = "{\"noticeId\":\"" + id + "\",\"duty\":\"O17\",\"content\":{\"name\":\"Åse Ødegård\",\"note\":\"sist sett på Bryggen\"}}";
        return new Delivery(id, "O17", "missing-person", Priority.URGENT, "police-vest", "Vest politidistrikt",
                Channel.SFTP, address, 1, document);
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static SshServer sftpServer(KeyPair hostKeyPair) {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(0);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPair));
        s.setPublickeyAuthenticator((user, key, session) ->
                !passwordOnly && USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        s.setPasswordAuthenticator((user, password, session) -> {
            passwordAttempts.incrementAndGet();
            return passwordOnly;
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new Recorder());
        s.setSubsystemFactories(List.of(sftp));
        s.setFileSystemFactory(files);
        return s;
    }

    private static Path writePrivateKey(Path file, KeyPair key, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "budstikke-test", encryption, out);
        }
        return file;
    }

    private static Path writeKnownHosts(Path file, int port, KeyPair key) throws IOException {
        Files.writeString(file, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        return file;
    }

    private static final class Recorder implements SftpEventListener {
        @Override
        public void written(ServerSession session, String remoteHandle, FileHandle localHandle,
                long offset, byte[] data, int dataOffset, int dataLen, Throwable thrown) {
            String op = "write " + localHandle.getFile().getFileName();
            if (!operations.contains(op)) operations.add(op);
        }

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
            operations.add("move " + srcPath.getFileName() + " -> " + dstPath.getFileName() + (thrown == null ? "" : " failed"));
        }

        @Override
        public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
            operations.add("remove " + path.getFileName());
        }
    }
}
