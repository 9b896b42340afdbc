package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Attachment;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.testing.NoticeSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments (the O39 CSV) in the notice document, and as the files SFTP and the sandbox write. */
class NoticeAttachmentsTest {

    static final Dispatcher DISPATCHER = new Dispatcher(HubConfigLoader.load(Path.of("config")));
    static final NoticeDocument DOCUMENTS = new NoticeDocument("Budstikke");
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 9, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2));
    static final String ID = "0123456789abcdef0123456789abcdef";
    static final String KEY = "fedcba9876543210fedcba9876543210";
    static final String CSV = "agreementId,familyName\r\nAMOT-1,\"Berg, Jr.\"\r\nAMOT-2,Ødegård\r\n";

    @TempDir
    Path dir;

    @Test
    void aNoticeWithAnAttachmentCarriesItExactlyInAValidDocument() {
        ObjectNode document = DOCUMENTS.build(ID, KEY, tertialDue(), report(), NOW);

        assertThat(NoticeSchema.violations(document)).isEmpty();
        assertThat(document.path("attachments")).hasSize(1);
        assertThat(document.at("/attachments/0/name").asText()).isEqualTo("amot-2026-T3-ost.csv");
        assertThat(document.at("/attachments/0/mediaType").asText()).isEqualTo("text/csv");
        assertThat(document.at("/attachments/0/content").asText()).isEqualTo(CSV);
    }

    @Test
    void everyOtherNoticeHasNoAttachmentsMember() {
        ObjectNode missing = Fixtures.example("missing");
        for (Notice n : DISPATCHER.decide(missing, CaseState.UNKNOWN).notices()) {
            assertThat(DOCUMENTS.build(ID, KEY, missing, n, NOW).has("attachments")).as(n.toString()).isFalse();
        }
    }

    @Test
    void theSchemaAdmitsOnlyWellFormedAttachments() {
        ObjectNode good = DOCUMENTS.build(ID, KEY, tertialDue(), report(), NOW);
        ObjectNode climbing = good.deepCopy();
        ((ObjectNode) climbing.at("/attachments/0")).put("name", "../amot.csv");
        ObjectNode extra = good.deepCopy();
        ((ObjectNode) extra.at("/attachments/0")).put("url", "https://evil.example/");
        ObjectNode empty = good.deepCopy();
        empty.putArray("attachments");
        for (ObjectNode bad : List.of(climbing, extra, empty)) assertThat(NoticeSchema.violations(bad)).isNotEmpty();
    }

    @Test
    void anAttachmentNameThatCouldLeaveAFolderCannotBeMade() {
        for (String bad : new String[] {"../x.csv", ".hidden", "a/b.csv", "a b.csv", "", "æ.csv"}) {
            assertThatThrownBy(() -> new Attachment(bad, "text/csv", "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Attachment("a.csv", "text/csv; charset=UTF-8", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Attachment("a.csv", "text/csv", "Ødegård").toString()).doesNotContain("Ødegård");
    }

    @Test
    void fileChannelsWriteTheAttachmentsFirstThenTheNotice() {
        Delivery d = delivery(DOCUMENTS.build(ID, KEY, tertialDue(), report(), NOW));

        List<NoticeFiles.File> files = NoticeFiles.of(d);

        assertThat(files).extracting(NoticeFiles.File::name).containsExactly(ID + "-amot-2026-T3-ost.csv", ID + ".json");
        assertThat(files.get(0).content()).isEqualTo(CSV);
        assertThat(files.get(1).content()).isEqualTo(d.document());
        assertThat(files.get(0).toString()).doesNotContain("Berg");
    }

    @Test
    void aDocumentWhoseAttachmentCannotBeAFileIsRefused() {
        ObjectNode document = DOCUMENTS.build(ID, KEY, tertialDue(), report(), NOW);
        ((ObjectNode) document.at("/attachments/0")).put("name", "../../etc/passwd");
        assertThatThrownBy(() -> NoticeFiles.of(delivery(document))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("passwd");
    }

    @Test
    void theSandboxPutsTheCsvNextToTheNoticeByteForByte() throws Exception {
        Delivery d = delivery(DOCUMENTS.build(ID, KEY, tertialDue(), report(), NOW));

        String receipt = new Sandbox(dir, null).write(d);

        Path folder = dir.resolve("udi-region-ost");
        assertThat(receipt).isEqualTo("sandbox udi-region-ost/" + ID + ".json");
        assertThat(Files.readAllBytes(folder.resolve(ID + "-amot-2026-T3-ost.csv"))).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(folder.resolve(ID + ".json"))).isEqualTo(d.document());
        try (var listing = Files.list(folder)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    ID + "-amot-2026-T3-ost.csv", ID + ".json");
        }
    }

    static ObjectNode tertialDue() {
        return Fixtures.valid("no.udi.duf.amot.tertial-due.v1");
    }

    static Notice report() {
        Office udi = DISPATCHER.config().directory().offices().stream().filter(o -> o.id().equals("udi-region-ost")).findFirst().orElseThrow();
        ObjectNode content = Fixtures.JSON.createObjectNode().put("period", "2026-T3").put("udiRegion", "Øst").put("agreements", 2)
                .put("file", "amot-2026-T3-ost.csv");
        content.putArray("columns").add("agreementId").add("familyName");
        return new Notice("O39", false, "amot-base-data", Priority.NORMAL, udi, "amot", "a legal basis", content, List.of(),
                List.of(), null, List.of(new Attachment("amot-2026-T3-ost.csv", "text/csv", CSV)));
    }

    static Delivery delivery(ObjectNode document) {
        return new Delivery(ID, "O39", "amot-base-data", Priority.NORMAL, "udi-region-ost", "UDI region Øst", Channel.HTTP,
                "https://udi.example/", 1, document.toPrettyString());
    }
}
