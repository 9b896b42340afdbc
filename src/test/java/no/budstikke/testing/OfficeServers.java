package no.budstikke.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import no.budstikke.testing.TestDatabases.Kind;

/**
 * The offices' side of real delivery, on loopback: an HTTP server that accepts every notice (201),
 * an SMTP server and an SFTP server, with the hub settings that deliver to them instead of the sandbox.
 */
public final class OfficeServers implements AutoCloseable {

    public final WireMockServer http;
    public final GreenMail smtp;
    public final SftpTestServer sftp;

    private OfficeServers(WireMockServer http, GreenMail smtp, SftpTestServer sftp) {
        this.http = http;
        this.smtp = smtp;
        this.sftp = sftp;
    }

    public static OfficeServers start(Path dir) throws IOException, java.security.GeneralSecurityException {
        WireMockServer http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        http.stubFor(post(urlMatching("/.*")).willReturn(aResponse().withStatus(201)));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new OfficeServers(http, smtp, SftpTestServer.start(dir.resolve("sftp")));
    }

    /** A copy of the shipped config under {@code dir} whose offices are these servers (see {@link TestOffices}). */
    public Path configFolder(Path dir) throws IOException {
        return TestOffices.configFolder(dir, "http://127.0.0.1:" + http.port(), sftp.baseUrl());
    }

    /** Settings for a hub on a fresh H2 under {@code hubDir} with {@code config}, delivering here, polling every 100 ms. */
    public Map<String, String> hubSettings(Path hubDir, Path config) {
        Map<String, String> p = TestHub.defaults(hubDir, TestDatabases.freshUrl(Kind.H2, hubDir));
        p.put("budstikke.config.dir", config.toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.dispatch.poll-ms", "100");
        p.putAll(TestOffices.mailServer(smtp.getSmtp().getPort()));
        p.putAll(sftp.hubSettings());
        return p;
    }

    @Override
    public void close() throws IOException {
        smtp.stop();
        http.stop();
        sftp.close();
    }
}
