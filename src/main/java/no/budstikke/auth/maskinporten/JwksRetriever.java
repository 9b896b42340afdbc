package no.budstikke.auth.maskinporten;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the issuer's JWKS, bounded in time and size, from an http(s) URL or from a file, so both go
 * through the same cache and the same refresh on an unknown key: a rotated file is picked up
 * without a restart, like a rotated URL.
 */
final class JwksRetriever implements ResourceRetriever {

    private final DefaultResourceRetriever http;
    private final int maxBytes;

    JwksRetriever(int timeoutMillis, int maxBytes) {
        this.http = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, maxBytes) {
            @Override
            protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
                // Redirects are not followed: the hub reads keys only from the location it was given.
                HttpURLConnection connection = super.openHTTPConnection(url);
                connection.setInstanceFollowRedirects(false);
                return connection;
            }
        };
        this.maxBytes = maxBytes;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        if (!"file".equals(url.getProtocol())) return http.retrieveResource(url);
        Path file;
        try {
            file = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a file location", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw new IOException("the JWKS file is larger than budstikke.maskinporten.jwks-max-bytes");
            return new Resource(new String(bytes, StandardCharsets.UTF_8), "application/json");
        }
    }
}
