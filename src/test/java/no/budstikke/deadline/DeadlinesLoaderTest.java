package no.budstikke.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import no.budstikke.config.ConfigException;
import no.budstikke.model.Deadline.Closing;
import no.budstikke.model.Deadline.Limit;
import no.budstikke.model.Deadline.Per;
import no.budstikke.model.Deadline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped deadlines.yaml loads; each kind of mistake names file, line and JSON pointer. */
class DeadlinesLoaderTest {

    static final Path SHIPPED = Path.of("config");
    static final List<String> FILES = List.of("directory.yaml", "routing-rules.yaml", "disclosure-policies.yaml", DeadlinesLoader.FILE);

    @TempDir
    Path dir;

    Path deadlines;

    @BeforeEach
    void copyShipped() throws IOException {
        for (String f : FILES) Files.copy(SHIPPED.resolve(f), dir.resolve(f));
        deadlines = dir.resolve(DeadlinesLoader.FILE);
    }

    @Test
    void theShippedFileHoldsAllSixDeadlines() {
        List<Deadline> all = DeadlinesLoader.load(SHIPPED);
        assertThat(all).extracting(Deadline::id).containsExactly("D1", "D2", "D3", "D4", "D5", "D6");
        assertThat(all).allSatisfy(d -> {
            assertThat(d.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
            assertThat(d.escalateTo()).isEqualTo("budstikke.ops.mailbox");
            assertThat(d.atRiskFraction()).isBetween(0.0, 1.0);
            assertThat(d.source().toString()).startsWith(SHIPPED.resolve(DeadlinesLoader.FILE) + ":");
        });
        Deadline d1 = all.get(0);
        assertThat(d1.startsOn()).containsExactly("no.udi.mot.resident.missing.v1");
        assertThat(d1.watches()).containsExactly("O20", "O21", "O22");
        assertThat(d1.limit()).isEqualTo(new Limit.Hours(24));
        assertThat(d1.closes()).isEqualTo(new Closing.Delivered(true));
        assertThat(d1.atRiskFraction()).isEqualTo(0.5);
        assertThat(d1.per()).isEqualTo(Per.EVENT);
        Deadline d2 = all.get(1);
        assertThat(d2.limit()).isEqualTo(new Limit.WorkingDays(3));
        assertThat(d2.closes()).isEqualTo(new Closing.EventArrives("no.udi.mot.leave.decided.v1", List.of("/data/leaveId")));
        assertThat(all.get(2).startsWhen()).isPresent();
        assertThat(all.get(2).limit()).isEqualTo(new Limit.Weeks(2));
        assertThat(all.get(3).repeats()).contains(new Deadline.Repeat(List.of("no.udi.duf.settlement.decided.v1")));
        assertThat(all.get(3).closes()).isEqualTo(new Closing.Delivered(false));
        assertThat(all.get(4).limit()).isEqualTo(new Limit.BeforeDate("/data/eighteenOn"));
        assertThat(all.get(5).per()).isEqualTo(Per.UDI_REGION);
        assertThat(all.get(5).watches()).containsExactly("O39");
        assertThat(all.get(5).repeats()).contains(new Deadline.Repeat(List.of()));
    }

    @Test
    void eachDeadlineHasAOneLineComment() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED.resolve(DeadlinesLoader.FILE), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  - id: D")) {
                String id = lines.get(i).substring("  - id: ".length());
                assertThat(lines.get(i - 1)).as("comment above " + id).startsWith("  # " + id + " ");
            }
        }
    }

    // ------------------------------------------------------------------ errors

    void replace(String from, String to) throws IOException {
        String text = Files.readString(deadlines, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        assertThat(at).as("'%s' in deadlines.yaml", from).isGreaterThanOrEqualTo(0);
        Files.writeString(deadlines, text.substring(0, at) + to + text.substring(at + from.length()), StandardCharsets.UTF_8);
    }

    int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(deadlines, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError("'" + text + "' not in deadlines.yaml");
    }

    List<String> problems() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DeadlinesLoader.load(dir));
        assertThat(e).as("loading fails").isNotNull();
        assertThat(e.getMessage()).startsWith("invalid deadlines configuration, ");
        return e.getMessage().lines().skip(1).toList();
    }

    /** Exactly one problem, at file:line and pointer, mentioning the fragments, with an expectation. */
    void assertOneProblem(int line, String pointer, String... fragments) {
        List<String> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(deadlines + ":" + line + " at " + pointer + ": ").contains(fragments).contains("; expected ");
    }

    @Test
    void yamlSyntaxError() throws IOException {
        replace("    per: event\n    watches: [O15]", "    per: event\n\twatches: [O15]");
        List<String> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(deadlines + ":" + lineOf("\twatches") + " at ").contains("not valid YAML");
    }

    @Test
    void unknownKey() throws IOException {
        replace("    limit: { weeks: 2 }", "    limits: { weeks: 2 }");
        List<String> problems = problems();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(deadlines + ":" + lineOf("limits:") + " at /deadlines/2/limits: unknown key 'limits'").contains("; expected one of"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("at /deadlines/2: missing key 'limit'"));
    }

    @Test
    void aLimitOfTwoKinds() throws IOException {
        replace("limit: { hours: 24 }", "limit: { hours: 24, workingDays: 1 }");
        assertOneProblem(lineOf("workingDays: 1"), "/deadlines/0/limit", "too many keys", "exactly one of");
    }

    @Test
    void aZeroLimit() throws IOException {
        replace("limit: { hours: 24 }", "limit: { hours: 0 }");
        assertOneProblem(lineOf("hours: 0"), "/deadlines/0/limit/hours", "'0' is too small", "at least 1");
    }

    @Test
    void aFractionOutOfRange() throws IOException {
        replace("    limit: { hours: 24 }\n    closes: { delivered: all }\n    atRisk: { fractionElapsed: 0.5 }",
                "    limit: { hours: 24 }\n    closes: { delivered: all }\n    atRisk: { fractionElapsed: 1.5 }");
        assertOneProblem(lineOf("fractionElapsed: 1.5"), "/deadlines/0/atRisk/fractionElapsed", "less than 1");
    }

    @Test
    void aMisspeltEventType() throws IOException {
        replace("starts: { on: [no.udi.mot.resident.missing.v1] }", "starts: { on: [no.udi.mot.resident.mising.v1] }");
        assertOneProblem(lineOf("resident.mising"), "/deadlines/0/starts/on/0", "'no.udi.mot.resident.mising.v1' is not an event type",
                "did you mean 'no.udi.mot.resident.missing.v1'");
    }

    @Test
    void aMisspeltClosingEventType() throws IOException {
        replace("event: no.udi.mot.leave.decided.v1", "event: no.udi.mot.leave.decide.v1");
        assertOneProblem(lineOf("leave.decide.v1"), "/deadlines/1/closes/event", "not an event type", "did you mean");
    }

    @Test
    void aDutyWithoutARule() throws IOException {
        replace("watches: [O20, O21, O22]", "watches: [O20, O21, O222]");
        assertOneProblem(lineOf("O222"), "/deadlines/0/watches/2", "duty O222 has no rule in routing-rules.yaml", "one of O39");
    }

    @Test
    void aFieldTheEventsDoNotHave() throws IOException {
        replace("sameAs: [/data/leaveId]", "sameAs: [/data/leaveID]");
        List<String> problems = problems();
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith(deadlines + ":" + lineOf("leaveID") + " at /deadlines/1/closes/sameAs/0: /data/leaveID is not a field of ")
                .contains("; expected "));
    }

    @Test
    void aBeforeDateThatIsNotADate() throws IOException {
        replace("beforeDate: /data/eighteenOn", "beforeDate: /data/person/givenName");
        assertOneProblem(lineOf("givenName"), "/deadlines/4/limit/beforeDate", "/data/person/givenName of no.udi.mot.resident.turning-18.v1 is not a date");
    }

    @Test
    void aBrokenStartCondition() throws IOException {
        replace("when: { path: /data/decision, equals: residence_permit_settlement }\n    per: event",
                "when: { path: /data/decison, equals: residence_permit_settlement }\n    per: event");
        List<String> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(deadlines + ":" + lineOf("/data/decison") + " at /deadlines/2/starts/when").contains("; expected ");
    }

    @Test
    void aDuplicateIdNamesTheFirst() throws IOException {
        replace("  - id: D6", "  - id: D5");
        int first = lineOf("  - id: D5");
        List<String> lines = Files.readAllLines(deadlines, StandardCharsets.UTF_8);
        int second = lines.lastIndexOf("  - id: D5") + 1;
        assertOneProblem(second, "/deadlines/5/id", "deadline D5 is already defined at line " + first);
    }

    @Test
    void anUnknownZone() throws IOException {
        replace("zone: Europe/Oslo", "zone: Europe/Olso");
        assertOneProblem(lineOf("zone:"), "/zone", "'Europe/Olso' is not a time zone");
    }

    @Test
    void deliveredAndEventTogether() throws IOException {
        replace("closes: { event: no.udi.mot.leave.decided.v1, sameAs: [/data/leaveId] }",
                "closes: { delivered: all, event: no.udi.mot.leave.decided.v1 }");
        assertOneProblem(lineOf("delivered: all, event"), "/deadlines/1/closes", "'delivered' is combined with 'event'");
    }

    @Test
    void aMissingFile() throws IOException {
        Files.delete(deadlines);
        List<String> problems = problems();
        assertThat(problems).containsExactly(deadlines + " at /: the file does not exist; expected the deadlines: 'zone' and a list under 'deadlines'");
    }

    @Test
    void aBadSettingName() throws IOException {
        replace("    limit: { hours: 24 }\n    closes: { delivered: all }\n    atRisk: { fractionElapsed: 0.5 }\n    escalateTo: budstikke.ops.mailbox",
                "    limit: { hours: 24 }\n    closes: { delivered: all }\n    atRisk: { fractionElapsed: 0.5 }\n    escalateTo: ops@example.org");
        assertOneProblem(lineOf("ops@example.org"), "/deadlines/0/escalateTo", "'ops@example.org' is not well-formed", "the name of the setting");
    }
}
