package no.budstikke.delivery.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The HTTP client of deliveries makes exactly one request per attempt. By default HttpClient 5
 * sends a POST again on 429 and 503, sleeping out the Retry-After on the delivery thread: retries
 * belong to the outbox, whose schedule survives a restart. Redirects are off as well, whatever
 * camel-http's defaults: one could carry the notice and the credential to another host.
 *
 * <p>Connections are kept: each office URL has its own endpoint, and camel-http gives each endpoint
 * its own pool of keep-alive connections, so a burst to one office reuses a connection per sender.
 * A kept connection unused for a while (2 s, HttpClient's default) is checked before reuse, so one
 * the office's server closed when idle costs no notice (HttpConnectionsIT).
 */
public final class DeliveryHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        builder.disableRedirectHandling();
    }
}
