package no.budstikke.delivery.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.budstikke.delivery.Delivery;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import no.budstikke.testing.CountingProxy;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deliver-http route keeps its connections to an office open between notices (camel-http's
 * pooled keep-alive client): counted by a proxy in front of the office's server, which also cuts
 * them all mid-stream.
 */
class HttpConnectionsIT {

    private static final int SENDERS = 4;
    private static final String PATH = "/politi/varsler";

    private WireMockServer office;
    private CountingProxy proxy;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        office = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        office.start();
        office.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withBody("{\"echo\":\"the notice\"}")));
        proxy = new CountingProxy(office.port());
        Properties settings = new Properties();
        settings.setProperty("budstikke.delivery.http.connect-timeout-ms", "1000");
        settings.setProperty("budstikke.delivery.http.connection-request-timeout-ms", "1000");
        settings.setProperty("budstikke.delivery.http.read-timeout-ms", "5000");
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getRegistry().bind("officeSecrets", new OfficeSecrets(key -> java.util.Optional.empty(), k -> null));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/4-channels/deliver-http.camel.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) camel.close();
        if (proxy != null) proxy.close();
        if (office != null) office.stop();
    }

    @Test
    void twoHundredNoticesFromFourSendersTakeAtMostOneConnectionPerSender() throws Exception {
        List<Delivery> notices = notices(200);

        List<Exchange> done = sendAll(notices);

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(office.findAll(anyRequestedFor(anyUrl()))).hasSize(200);
        System.out.printf("http: %d notices over %d connections%n", notices.size(), proxy.connections());
        assertThat(proxy.connections()).isBetween(1, SENDERS);
    }

    @Test
    void connectionsTheOfficeClosesWhenIdleAreNotUsedAgainAndNoNoticeFails() throws Exception {
        List<Delivery> notices = notices(200);
        List<Exchange> done = new ArrayList<>(sendAll(notices.subList(0, 100)));
        // An office's server that closes its connections after 5 s of keep-alive, as Apache httpd does.
        Thread.sleep(5_000);
        proxy.dropAll();

        done.addAll(sendAll(notices.subList(100, 200)));

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        Set<String> keys = new HashSet<>();
        office.findAll(anyRequestedFor(anyUrl())).forEach(r -> keys.add(r.getHeader("Idempotency-Key")));
        assertThat(keys).hasSize(200);
        assertThat(proxy.connections()).isBetween(2, 2 * SENDERS);
    }

    private List<Exchange> sendAll(List<Delivery> notices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<List<Delivery>> shares = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) shares.add(new ArrayList<>());
            for (int i = 0; i < notices.size(); i++) shares.get(i % SENDERS).add(notices.get(i));
            List<Future<List<Exchange>>> parts = new ArrayList<>();
            for (List<Delivery> share : shares) {
                parts.add(pool.submit(() -> share.stream().map(d -> template.send("direct:deliver-http",
                        e -> e.getMessage().setBody(d))).toList()));
            }
            List<Exchange> out = new ArrayList<>();
            for (Future<List<Exchange>> f : parts) out.addAll(f.get(120, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Delivery> notices(int count) {
        String address = "http://127.0.0.1:" + proxy.port() + PATH;
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().replace("-", "");
            String document = "{\"noticeId\":\"" + id + "\",\"duty\":\"O17\",\"kind\":\"missing-child\"}";
            out.add(new Delivery(id, "O17", "missing-child", Priority.URGENT, "police-oslo", "Oslo politidistrikt",
                    Channel.HTTP, address, 1, document));
        }
        return out;
    }
}
