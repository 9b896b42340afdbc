package no.budstikke.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An Apache MINA SSHD SFTP server on loopback for tests of the whole hub: it accepts one generated
 * client key for user {@value #USER} and nothing else, and serves {@link #root()} as the login
 * folder. {@link #hubSettings()} gives the hub that key and a known_hosts naming the server's
 * generated host key, with strict checking, as in production.
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "budstikke";

    private final SshServer server;
    private final Path root;
    private final Path clientKeyFile;
    private final Path knownHosts;
    private final KeyPair hostKey;
    private final AtomicInteger sessions;

    private SftpTestServer(SshServer server, Path root, Path clientKeyFile, Path knownHosts, KeyPair hostKey, AtomicInteger sessions) {
        this.server = server;
        this.hostKey = hostKey;
        this.sessions = sessions;
        this.root = root;
        this.clientKeyFile = clientKeyFile;
        this.knownHosts = knownHosts;
    }

    /** Starts a server whose keys live in {@code dir/keys} and whose files in {@code dir/root}. */
    public static SftpTestServer start(Path dir) throws IOException, GeneralSecurityException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path root = Files.createDirectories(dir.resolve("root"));
        KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 3072);
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path clientKeyFile = keys.resolve("id_budstikke");
        try (OutputStream out = Files.newOutputStream(clientKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "budstikke-test", null, out);
        }

        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(0);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        s.setPasswordAuthenticator((user, password, session) -> false);
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        s.setFileSystemFactory(new VirtualFileSystemFactory(root));
        AtomicInteger sessions = new AtomicInteger();
        s.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        s.start();

        Path knownHosts = keys.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return new SftpTestServer(s, root, clientKeyFile, knownHosts, hostKey, sessions);
    }

    public int port() {
        return server.getPort();
    }

    /** SSH sessions opened so far: one per connection a client made (each with its key exchange). */
    public int sessionsOpened() {
        return sessions.get();
    }

    /** The login folder: what an office would see of its server. */
    public Path root() {
        return root;
    }

    /** {@code sftp://budstikke@127.0.0.1:<port>}, for {@link TestOffices#configFolder}. */
    public String baseUrl() {
        return "sftp://" + USER + "@127.0.0.1:" + port();
    }

    /** Creates a folder below the login folder; the hub never creates one itself. */
    public Path folder(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file below the login folder, as paths relative to it with '/', sorted. */
    public List<String> files() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's budstikke.sftp.* settings for this server. */
    public Map<String, String> hubSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("budstikke.sftp.username", USER);
        p.put("budstikke.sftp.private-key-file", clientKeyFile.toString());
        p.put("budstikke.sftp.private-key-passphrase", "");
        p.put("budstikke.sftp.known-hosts-file", knownHosts.toString());
        p.put("budstikke.sftp.strict-host-key-checking", "yes");
        p.put("budstikke.sftp.connect-timeout-ms", "5000");
        p.put("budstikke.sftp.server-alive-interval-ms", "5000");
        return p;
    }

    /** As {@link #hubSettings()}, for a hub that reaches this server through a relay on {@code port} of 127.0.0.1. */
    public Map<String, String> hubSettingsThrough(int port) {
        try {
            Path known = knownHosts.resolveSibling("known_hosts-" + port);
            Files.writeString(known, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
            Map<String, String> p = hubSettings();
            p.put("budstikke.sftp.known-hosts-file", known.toString());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
