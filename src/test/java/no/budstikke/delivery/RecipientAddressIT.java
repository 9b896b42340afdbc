package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.budstikke.testing.OfficeServers;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A representative's address comes from the event, so the running hub mails it only when it is a
 * plain address: an IP literal, a source route or a lookalike domain is never written to. With a
 * phone, staff get a call task instead; without one, the notice is a gap that ops see.
 */
class RecipientAddressIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REFUSED = List.of("kari@[127.0.0.1]", "@relay.example:kari@fuglekasse.example.org",
            "kari@fuglekаsse.example.org");

    @TempDir
    Path dir;

    private OfficeServers offices;
    private TestHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (offices != null) offices.close();
    }

    @Test
    void aRefusedAddressIsNeverMailedButBecomesACallTaskOrAGap() throws Exception {
        offices = OfficeServers.start(dir);
        Path config = offices.configFolder(dir.resolve("offices"));
        Map<String, String> p = offices.hubSettings(dir.resolve("hub"), config);
        hub = TestHub.start(p);

        List<String> withPhone = new ArrayList<>();
        List<String> withoutPhone = new ArrayList<>();
        for (int i = 0; i < REFUSED.size(); i++) {
            withPhone.add(send("phone-" + i, REFUSED.get(i), "+47 912 34 56" + i));
            withoutPhone.add(send("no-phone-" + i, REFUSED.get(i), null));
        }
        String plain = send("plain", "kari.nordmann@fuglekasse.example.org", "+47 912 34 599");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            // The plain address is mailed: delivery works, so the others' absence means something.
            assertThat(recipients()).contains("kari.nordmann@fuglekasse.example.org");
            List<JsonNode> tasks = list("/api/v1/tasks?state=all", "tasks");
            for (int i = 0; i < REFUSED.size(); i++) {
                String key = withPhone.get(i);
                String phone = "+479123456" + i;
                assertThat(tasks).as(REFUSED.get(i)).anySatisfy(t -> {
                    assertThat(t.path("eventKey").asText()).isEqualTo(key);
                    assertThat(t.path("role").asText()).isEqualTo("REPRESENTATIVE");
                    assertThat(t.path("phone").asText()).isEqualTo(phone);
                });
            }
            List<JsonNode> gaps = list("/api/v1/gaps", "gaps");
            for (String key : withoutPhone) {
                assertThat(gaps).as(key).anySatisfy(g -> {
                    assertThat(g.path("eventKey").asText()).isEqualTo(key);
                    assertThat(g.path("role").asText()).isEqualTo("REPRESENTATIVE");
                    assertThat(g.path("reason").asText()).doesNotContain("kari", "fuglek", "127.0.0.1");
                });
            }
        });
        // A plain address is mailed, not phoned.
        assertThat(list("/api/v1/tasks?state=all", "tasks"))
                .filteredOn(t -> t.path("eventKey").asText().equals(plain) && t.path("role").asText().equals("REPRESENTATIVE"))
                .isEmpty();
        for (String address : recipients()) {
            assertThat(address).doesNotContain("127.0.0.1", "relay.example", "fuglekаsse");
        }
    }

    /** Posts a planned relocation whose representative has this address; returns the event's key. */
    private String send(String id, String email, String phone) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(
                Path.of("src/test/resources/events/valid/no.udi.mot.resident.relocation-planned.v1.json")));
        event.put("id", "address-" + id);
        ObjectNode representative = ((ObjectNode) event.path("data")).putObject("caseContext").putObject("representative")
                .put("name", "Kari Nordmann").put("email", email);
        if (phone != null) representative.put("phone", phone);
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).findValue("key").asText();
    }

    private List<String> recipients() throws Exception {
        List<String> all = new ArrayList<>();
        for (MimeMessage m : offices.smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) all.add(a.toString());
        }
        return all;
    }

    private List<JsonNode> list(String path, String field) throws Exception {
        HttpResponse<String> r = hub.get(path, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path(field).forEach(out::add);
        return out;
    }
}
