package no.budstikke.dispatch.config;

import static no.budstikke.dispatch.config.HubConfigLoader.DIRECTORY;
import static no.budstikke.dispatch.config.HubConfigLoader.POLICIES;
import static no.budstikke.dispatch.config.HubConfigLoader.RULES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of mistake ops can make in the three files is refused with a message that names the
 * file, the line and the JSON pointer, says what is wrong and what is expected.
 */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    BrokenConfig config;

    @BeforeEach
    void copy() {
        config = BrokenConfig.copyOfShipped(dir);
    }

    static void assertProblem(List<String> problems, String prefix, String... fragments) {
        assertThat(problems).as("problems").anySatisfy(p -> {
            assertThat(p).startsWith(prefix).contains(fragments).contains("; expected ");
        });
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        config.replace(RULES, "    title: Information for the choice of centre\n", "    title: Information for the choice of centre\n\tpriority: HIGH\n");
        int line = config.lineOf(RULES, "\tpriority: HIGH");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(config.file(RULES) + ":" + line + " at ").contains("not valid YAML").contains("; expected valid YAML");
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        config.replace(RULES, "    kind: missing-person-report\n", "    kind: missing-person-report\n    kind: concern-report\n");
        int line = config.linesOf(RULES, "kind: missing-person-report").get(0) + 1;
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(config.at(RULES, line, "/rules/20/kind")).contains("the key 'kind' appears twice");
    }

    @Test
    void unknownKeyInARuleIsAnErrorAtTheKey() {
        config.replace(RULES, "    kind: missing-person-report\n", "    knd: missing-person-report\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "knd: missing-person-report"), "/rules/20/knd"),
                "unknown key 'knd'", "kind");
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "duty: O21"), "/rules/20"), "missing key 'kind'");
    }

    @Test
    void misspeltTestInAConditionIsAnUnknownKey() {
        config.replace(RULES, "when: { path: /data/concernForNeglect, equals: true }", "when: { path: /data/concernForNeglect, equal: true }");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "equal: true }"), "/rules/25/when/equal"), "unknown key 'equal'", "equals");
    }

    @Test
    void aheadOnAFieldThatIsNotADateTimeIsRefused() {
        config.replace(RULES, "when: { path: /data/concernForNeglect, equals: true }", "when: { path: /data/concernForNeglect, ahead: true }");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "concernForNeglect, ahead: true }"), "/rules/25/when/ahead"),
                "ahead on /data/concernForNeglect, which is not a date-time", "a date-time field");
    }

    @Test
    void wrongEnumValueNamesTheAllowedValues() {
        config.replace(RULES, "    title: Missing resident, to UDI\n    on: no.udi.mot.resident.missing.v1\n    priority: URGENT\n",
                "    title: Missing resident, to UDI\n    on: no.udi.mot.resident.missing.v1\n    priority: URGNT\n");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "priority: URGNT"), "/rules/19/priority"),
                "'URGNT' is not allowed", "one of URGENT, HIGH, NORMAL");
    }

    @Test
    void missingFieldInAnOfficeNamesTheOffice() {
        config.replace(DIRECTORY, "    channel: mail\n    address: barnevern@hamar.kommune.example\n", "    address: barnevern@hamar.kommune.example\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "id: barnevern-hamar"), "/offices/7"),
                "missing key 'channel'", "mail, sftp, http");
    }

    @Test
    void unquotedCountyNumberIsExplained() {
        config.replace(DIRECTORY, "county: \"34\"", "county: 34");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "\"3403\":"), "/municipalities/3403/county"),
                "found the number 34", "a string", "quotes");
    }

    @Test
    void addressMustFitTheChannel() {
        config.replace(DIRECTORY, "address: https://api.udi.example/regions/vest/notices", "address: region.vest@udi.example");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "address: region.vest@udi.example"), "/offices/32/address"),
                "'region.vest@udi.example' is not well-formed", "HTTPS URL");
    }

    @Test
    void missingPolicyForARecipientIsAnError() {
        config.replace(POLICIES, "  - role: LAWYER\n    purpose: missing\n", "  - role: LAWYER\n    purpose: missing-person\n");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "{ role: LAWYER, where: [EVENT_CONTACT] }"), "/rules/22/recipients/1/role"),
                "no disclosure policy for LAWYER with purpose 'missing'", POLICIES);
    }

    @Test
    void gapInTheDirectoryIsReportedByRoleAndMunicipality() {
        config.replace(DIRECTORY, """
                  - id: barnevern-hamar
                    role: BARNEVERN
                    name: Barneverntjenesten i Hamar kommune
                    serves: { municipalities: ["3403"] }
                    channel: mail
                    address: barnevern@hamar.kommune.example
                    contact: { phone: "+47 62 00 34 03" }
                """, "");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "\"3403\":"), "/municipalities/3403"),
                "no BARNEVERN office serves 3403 Hamar", "needed by O2", "exactly one office with role BARNEVERN");
    }

    @Test
    void twoOfficesForOneRoleAndMunicipalityAreAmbiguous() {
        config.replace(DIRECTORY, "    serves: { counties: [\"34\"] }\n", "    serves: { counties: [\"34\", \"11\"] }\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "\"1103\":"), "/municipalities/1103"),
                "2 STATSFORVALTER offices serve 1103 Stavanger", "statsforvalter-rogaland (line", "statsforvalter-innlandet (line");
    }

    @Test
    void nationalRoleWithoutANationalOffice() {
        config.replace(DIRECTORY, "    serves: { national: true }\n    channel: sftp\n    address: sftp://sftp.example/pu/inbound\n",
                "    serves: { policeDistricts: [Oslo] }\n    channel: sftp\n    address: sftp://sftp.example/pu/inbound\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.linesOf(RULES, "- { role: PU, where: [NATIONAL] }").get(0), "/rules/13/recipients/0/where"),
                "no PU office", "serves the whole country");
    }

    @Test
    void healthPathToANonHealthRoleIsRefused() {
        config.replace(POLICIES, "      - /data/schooling\n    withConsent: [/data/caseContext/specialNeeds]\n",
                "      - /data/schooling\n      - /data/caseContext/healthNotes\n    withConsent: [/data/caseContext/specialNeeds]\n");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(POLICIES, config.linesOf(POLICIES, "- /data/caseContext/healthNotes").get(1), "/policies/2/allow/7"),
                "lets health data (/data/caseContext/healthNotes) reach SCHOOL", "only for HEALTH_OFFICE");
    }

    @Test
    void broaderPathThatContainsHealthIsRefused() {
        config.replace(POLICIES, "    allow: [identity, /data/centre, /data/eighteenOn, /data/caseContext/childWelfareCaseOpen]\n",
                "    allow: [identity, /data/centre, /data/eighteenOn, /data/caseContext]\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(POLICIES, config.lineOf(POLICIES, "/data/eighteenOn, /data/caseContext]"), "/policies/11/allow/3"),
                "reach BARNEVERN through /data/caseContext");
    }

    @Test
    void healthMovedIntoAnotherCategoryIsStillRefused() {
        config.replace(POLICIES, "  care:\n    - /data/caseContext/specialNeeds\n", "  care:\n    - /data/caseContext/specialNeeds\n    - /data/caseContext/healthNotes\n");
        config.replace(POLICIES, "    allow: [identity, /data/centre, /data/eighteenOn, /data/caseContext/childWelfareCaseOpen]\n",
                "    allow: [identity, /data/centre, /data/eighteenOn, care]\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(POLICIES, config.lineOf(POLICIES, "/data/eighteenOn, care]"), "/policies/11/allow/3"),
                "reach BARNEVERN", "in category 'care'");
    }

    @Test
    void unknownEventTypeSuggestsTheRightOne() {
        config.replace(RULES, "    title: Missing resident, to UDI\n    on: no.udi.mot.resident.missing.v1\n",
                "    title: Missing resident, to UDI\n    on: no.udi.mot.resident.missng.v1\n");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "no.udi.mot.resident.missng.v1"), "/rules/19/on"),
                "'no.udi.mot.resident.missng.v1' is not an event type", "did you mean 'no.udi.mot.resident.missing.v1'");
    }

    @Test
    void duplicateDutyIsRefused() {
        config.replace(RULES, "  - duty: O3\n", "  - duty: O2\n");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        List<Integer> lines = config.linesOf(RULES, "- duty: O2");
        assertProblem(problems, config.at(RULES, lines.get(1), "/rules/2/duty"), "duty O2 already has a rule at line " + lines.get(0));
    }

    @Test
    void conditionPathNotInTheContractIsRefused() {
        config.replace(RULES, "when: { path: /data/concernForNeglect, equals: true }", "when: { path: /data/concernForNeglekt, equals: true }");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "/data/concernForNeglekt"), "/rules/25/when/path"),
                "no.udi.mot.resident.returned.v1 has no field /data/concernForNeglekt", "did you mean '/data/concernForNeglect'");
    }

    @Test
    void conditionValueOutsideTheContractsEnumIsRefused() {
        config.replace(RULES, "when: { path: /data/caseContext/asylumStage, in: [dublin, final_rejection] }\n    priority: HIGH",
                "when: { path: /data/caseContext/asylumStage, in: [dublin, final_rejected] }\n    priority: HIGH");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "final_rejected"), "/rules/15/when/in/1"),
                "'final_rejected' is not a value", "did you mean 'final_rejection'", "one of registered");
    }

    @Test
    void placeTheEventTypeLacksIsRefused() {
        config.replace(RULES, "      - { role: BARNEVERN, where: [KNOWN_WHEREABOUTS, CENTRE] }", "      - { role: BARNEVERN, where: [DESTINATION, CENTRE] }");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "[DESTINATION, CENTRE]"), "/rules/21/recipients/0/where/0"),
                "DESTINATION is read from /data/address/municipalityNumber");
    }

    @Test
    void unknownCategoryInAPolicyIsRefused() {
        config.replace(POLICIES, "    allow: [identity, /data/centre, /data/eighteenOn, /data/caseContext/childWelfareCaseOpen]\n",
                "    allow: [identiy, /data/centre, /data/eighteenOn, /data/caseContext/childWelfareCaseOpen]\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(POLICIES, config.lineOf(POLICIES, "[identiy,"), "/policies/11/allow/0"),
                "'identiy' is not a category", "did you mean 'identity'");
    }

    @Test
    void duplicateOfficeIdIsRefused() {
        config.replace(DIRECTORY, "  - id: barnevern-hamar\n", "  - id: barnevern-oslo\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.linesOf(DIRECTORY, "- id: barnevern-oslo").get(1), "/offices/7/id"),
                "the office id 'barnevern-oslo' is already used at line " + config.linesOf(DIRECTORY, "- id: barnevern-oslo").get(0));
    }

    @Test
    void yamlAliasesAreRefusedBecauseJacksonWouldReadTheirName() {
        config.replace(POLICIES, "  - role: SCHOOL\n    purpose: arrival\n    legalBasis: \"written consent",
                "  - role: SCHOOL\n    purpose: arrival\n    legalBasis: &consent \"written consent");
        config.replace(POLICIES, "  - role: SCHOOL\n    purpose: relocation\n    legalBasis: \"written consent of the representative and the minor (forvaltningsloven § 13 a first paragraph no. 1)\"",
                "  - role: SCHOOL\n    purpose: relocation\n    legalBasis: *consent");
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(POLICIES, config.lineOf(POLICIES, "legalBasis: *consent"), "/policies/7/legalBasis"),
                "a YAML alias (*name)", "written out in full");
    }

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource(delimiter = '|', value = {
        "directory.yaml          | '    contact: { phone: \"+47 62 00 34 03\" }' | '    contacts: { phone: \"+47 62 00 34 03\" }' | /offices/7/contacts",
        "directory.yaml          | 'serves: { municipalities: [\"3403\"] }\n    channel: mail\n    address: barnevern@' | 'serves: { municipality: [\"3403\"] }\n    channel: mail\n    address: barnevern@' | /offices/7/serves/municipality",
        "directory.yaml          | '\"3403\": { name: Hamar,' | '\"3403\": { nam: Hamar,' | /municipalities/3403/nam",
        "routing-rules.yaml      | '      - { role: LAWYER, where: [EVENT_CONTACT] }' | '      - { role: LAWYER, wher: [EVENT_CONTACT] }' | /rules/22/recipients/1/wher",
        "routing-rules.yaml      | 'rules:\n' | 'rule:\n' | /rule",
        "disclosure-policies.yaml | '    withConsent: [/data/asylumRelevantInfo]' | '    withconsent: [/data/asylumRelevantInfo]' | /policies/33/withconsent",
        "disclosure-policies.yaml | '  - role: LAWYER\n    purpose: missing\n' | '  - role: LAWYER\n    purpose: missing\n    deny: [health]\n' | /policies/25/deny",
    })
    void unknownKeysAreErrorsInEveryFile(String file, String from, String to, String pointer) {
        config.replace(file, unescape(from), unescape(to));
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        List<String> problems = config.problems();
        int line = config.keyLine(file, key);
        assertProblem(problems, config.at(file, line, pointer), "unknown key '" + key + "'");
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        try {
            Files.writeString(config.file(RULES), Files.readString(config.file(RULES)) + "---\nrules: []\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> problems = config.problems();
        assertThat(problems).hasSize(1);
        assertProblem(problems, config.at(RULES, config.lineOf(RULES, "rules: []"), "/"), "2 YAML documents", "one document per file");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Files.delete(config.file(POLICIES));
        List<String> problems = config.problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(config.file(POLICIES) + " at /: the file does not exist"));
    }

    @Test
    void allProblemsAreListedAtOnce() {
        config.replace(RULES, "  - duty: O3\n", "  - duty: O2\n");
        config.replace(POLICIES, "  - role: LAWYER\n    purpose: missing\n", "  - role: LAWYER\n    purpose: missing-person\n");
        config.replace(DIRECTORY, "  - id: barnevern-hamar\n", "  - id: barnevern-oslo\n");
        assertThat(config.problems()).hasSize(3);
    }

    @Test
    void aFallbackMustBeAnOfficeOfItsRole() {
        config.replace(DIRECTORY, "  POLICE_DISTRICT: politi-nasjonal\n", "  POLICE_DISTRICT: udi-nasjonal\n  BARNEVERN: barnevern-nasjonal\n");
        List<String> problems = config.problems();
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "POLICE_DISTRICT: udi-nasjonal"), "/fallbacks/POLICE_DISTRICT"),
                "the office 'udi-nasjonal' is a UDI_REGIONAL office", "an office whose role is POLICE_DISTRICT");
        assertProblem(problems, config.at(DIRECTORY, config.lineOf(DIRECTORY, "BARNEVERN: barnevern-nasjonal"), "/fallbacks/BARNEVERN"),
                "no office has the id 'barnevern-nasjonal'");
        // politi-nasjonal is now nobody's fallback, and serves nothing.
        assertProblem(problems, config.at(DIRECTORY, config.linesOf(DIRECTORY, "serves: {}").get(0), "/offices/" + officeIndex("politi-nasjonal")
                + "/serves"), "the office serves nothing and is no role's fallback");
    }

    private int officeIndex(String id) {
        List<Integer> lines = config.linesOf(DIRECTORY, "  - id: ");
        int line = config.lineOf(DIRECTORY, "  - id: " + id);
        return lines.indexOf(line);
    }
}
