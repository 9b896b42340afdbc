package no.budstikke.amot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.budstikke.amot.AmotEvents.Person;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.Redactor;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseDataCsvTest {

    static final Person AMINA = new Person("201912345678", "Amina", "Hassan", "2010-03-14", "SOM");
    static final Person ODD = new Person("202001010002", "=cmd|' /C calc'!A0", "Berg, \"Jr.\"", "2009-12-01", "AFG");
    static final String SHIPPED_UDI_AMOT_ALLOW = "/data/caseContext/representative, /data/agreementId, /data/signedAt, /data/documentRef]";

    @TempDir
    Path dir;

    @Test
    void theShippedPolicyGivesUdiEveryColumnAndOneRowPerAgreement() {
        BaseDataCsv csv = new BaseDataCsv(udiAmot(Path.of("config")));
        ObjectNode a = AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-02T10:00:00+02:00", "doc-0001");
        ObjectNode b = AmotEvents.signed("s-2", ODD, "0301", "AMOT-2026-0002", "2026-06-02T10:00:00+02:00", "doc-0002");

        BaseDataCsv.Report r = csv.build(List.of(new BaseDataCsv.Row(a, "Oslo"), new BaseDataCsv.Row(b, "Oslo")));

        assertThat(r.columns()).containsExactly("agreementId", "dufNumber", "familyName", "givenName", "birthDate",
                "amotMunicipalityNumber", "amotMunicipalityName", "signedAt", "documentRef");
        assertThat(r.rows()).isEqualTo(2);
        assertThat(CsvRecords.read(r.csv())).containsExactly(r.columns(),
                List.of("AMOT-2026-0001", "201912345678", "Hassan", "Amina", "2010-03-14", "0301", "Oslo",
                        "2026-05-02T10:00:00+02:00", "doc-0001"),
                // the formula is defused, the comma and quotes survive
                List.of("AMOT-2026-0002", "202001010002", "Berg, \"Jr.\"", "'=cmd|' /C calc'!A0", "2009-12-01", "0301", "Oslo",
                        "2026-06-02T10:00:00+02:00", "doc-0002"));
        // allowed by the policy but not a column: withheld, and recorded
        assertThat(r.removedFields()).contains("/data/person/nationality", "/data/person/gender", "/data/person/unaccompaniedMinor")
                .doesNotContain("/data/agreementId", "/data/person/dufNumber");
        assertThat(r.csv()).doesNotContain("SOM").doesNotContain("AFG");
    }

    @Test
    void aColumnThePolicyDoesNotAllowNeverAppearsAndItsFieldIsRecordedAsRemoved() throws IOException {
        // The same policy without birth dates and document references: identity spelt out, less the birth date.
        Path config = policyChanged(SHIPPED_UDI_AMOT_ALLOW, "/data/caseContext/representative, /data/agreementId, /data/signedAt]",
                "allow: [identity,", "allow: [/data/person/dufNumber, /data/person/givenName, /data/person/familyName,");
        BaseDataCsv csv = new BaseDataCsv(udiAmot(config));
        ObjectNode a = AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-02T10:00:00+02:00", "doc-0001");

        BaseDataCsv.Report r = csv.build(List.of(new BaseDataCsv.Row(a, "Oslo")));

        assertThat(r.columns()).containsExactly("agreementId", "dufNumber", "familyName", "givenName",
                "amotMunicipalityNumber", "amotMunicipalityName", "signedAt");
        assertThat(r.csv()).doesNotContain("birthDate").doesNotContain("2010-03-14")
                .doesNotContain("documentRef").doesNotContain("doc-0001");
        assertThat(r.removedFields()).contains("/data/person/birthDate", "/data/documentRef");
        assertThat(CsvRecords.read(r.csv()).get(1)).hasSize(7);
    }

    @Test
    void withoutTheMunicipalityNumberThereIsNoMunicipalityNameEither() {
        BaseDataCsv csv = new BaseDataCsv(Redactor.allowing(List.of("/data/agreementId", "/data/signedAt")));
        ObjectNode a = AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-02T10:00:00+02:00", "doc-0001");

        BaseDataCsv.Report r = csv.build(List.of(new BaseDataCsv.Row(a, "Oslo")));

        assertThat(r.columns()).containsExactly("agreementId", "signedAt");
        assertThat(r.csv()).isEqualTo("agreementId,signedAt\r\nAMOT-2026-0001,2026-05-02T10:00:00+02:00\r\n");
        // as the Redactor records it: a subtree removed whole is one pointer
        assertThat(r.removedFields()).containsExactly("/data/documentRef", "/data/municipalityNumber", "/data/person");
    }

    @Test
    void aFieldAllowedOnlyWithConsentMakesNoColumnEvenWhenARowHasConsent() {
        BaseDataCsv csv = new BaseDataCsv(new Redactor(List.of("/data/agreementId"), List.of("/data/person/dufNumber"), List.of()));
        ObjectNode a = AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-02T10:00:00+02:00", "doc-0001");
        Fixtures.set(a, "/data/caseContext/consents/disclosureToOthers", true);

        BaseDataCsv.Report r = csv.build(List.of(new BaseDataCsv.Row(a, "Oslo")));

        assertThat(r.columns()).containsExactly("agreementId");
        assertThat(r.csv()).doesNotContain("201912345678");
        assertThat(r.removedFields()).contains("/data/person/dufNumber");
    }

    @Test
    void aReportWithoutRowsIsTheHeaderAlone() {
        BaseDataCsv.Report r = new BaseDataCsv(udiAmot(Path.of("config"))).build(List.of());
        assertThat(r.rows()).isZero();
        assertThat(CsvRecords.read(r.csv())).hasSize(1);
        assertThat(r.removedFields()).isEmpty();
    }

    @Test
    void theReportsFileNameIsPlainAscii() {
        assertThat(TertialReport.fileName("2026-T3", "Øst")).isEqualTo("amot-2026-T3-ost.csv");
        assertThat(TertialReport.fileName("2026-T3", "Indre Østland")).isEqualTo("amot-2026-T3-indre-ostland.csv");
        assertThat(TertialReport.fileName("2027-T1", "Midt-Norge")).isEqualTo("amot-2027-T1-midt-norge.csv");
        assertThat(TertialReport.fileName("2027-T1", "Sør-Vest / Åsane")).isEqualTo("amot-2027-T1-sor-vest-asane.csv");
        assertThat(TertialReport.fileName("2027-T1", "???")).isEqualTo("amot-2027-T1-region.csv");
    }

    private static Redactor udiAmot(Path config) {
        return new Dispatcher(HubConfigLoader.load(config)).policy(Role.UDI_REGIONAL, TertialReport.PURPOSE).orElseThrow().redactor();
    }

    /** A copy of the shipped config whose disclosure policies have each {@code from} replaced by its {@code to}, once, in the UDI amot policy. */
    private Path policyChanged(String... fromTo) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String f : new String[] {"directory.yaml", "routing-rules.yaml"}) Files.copy(Path.of("config", f), config.resolve(f));
        String policies = Files.readString(Path.of("config", "disclosure-policies.yaml"));
        int at = policies.indexOf("  - role: UDI_REGIONAL\n    purpose: amot\n");
        int end = policies.indexOf("  - role:", at + 10);
        String udi = policies.substring(at, end);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(udi).as("the shipped UDI amot policy").contains(fromTo[i]);
            udi = udi.replace(fromTo[i], fromTo[i + 1]);
        }
        Files.writeString(config.resolve("disclosure-policies.yaml"), policies.substring(0, at) + udi + policies.substring(end));
        return config;
    }
}
