package no.budstikke.console.oidc;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Calls to the issuer, bounded: a connect and a read timeout, answers of at most {@code maxBytes},
 * no redirects followed. A slow or oversized issuer costs the login one timeout, never a thread.
 */
final class IssuerHttp {

    private final int timeoutMillis;
    private final int maxBytes;

    IssuerHttp(Duration timeout, int maxBytes) {
        this.timeoutMillis = (int) timeout.toMillis();
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    /** Why a call failed, in words fit for a refusal: the setting to look at, no address or content. */
    static String why(IOException e) {
        if (e instanceof TooLarge) return "answer larger than budstikke.console.oidc.max-bytes";
        if (e instanceof java.net.SocketTimeoutException) return "no answer within budstikke.console.oidc.timeout-ms";
        return "unreachable";
    }

    HTTPResponse send(HTTPRequest request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.getURL().openConnection();
        try {
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(request.getMethod().name());
            for (Map.Entry<String, List<String>> header : request.getHeaderMap().entrySet()) {
                for (String value : header.getValue()) connection.addRequestProperty(header.getKey(), value);
            }
            String body = request.getBody();
            if (body != null && request.getMethod() == HTTPRequest.Method.POST) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] bytes = new byte[0];
            if (stream != null) {
                try (InputStream in = stream) {
                    bytes = in.readNBytes(maxBytes + 1);
                }
            }
            if (bytes.length > maxBytes) throw new TooLarge();
            HTTPResponse response = new HTTPResponse(status);
            String type = connection.getContentType();
            if (type != null) response.setHeader("Content-Type", type);
            response.setBody(new String(bytes, StandardCharsets.UTF_8));
            return response;
        } finally {
            connection.disconnect();
        }
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("the issuer's answer is larger than budstikke.console.oidc.max-bytes");
        }
    }
}
