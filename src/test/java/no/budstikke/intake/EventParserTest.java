package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import no.budstikke.intake.EventParser.ParsedInput;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private final EventParser parser = new EventParser();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneObjectIsOneEvent() {
        ParsedInput p = parser.parse(utf8("{\"id\":\"a\"}"), InputForm.EITHER);
        assertThat(p.failure()).isEmpty();
        assertThat(p.batch()).isFalse();
        assertThat(p.events()).hasSize(1);
    }

    @Test
    void anArrayIsABatch() {
        ParsedInput p = parser.parse(utf8("[{\"id\":\"a\"},{\"id\":\"b\"}]"), InputForm.BATCH);
        assertThat(p.batch()).isTrue();
        assertThat(p.events()).hasSize(2);
    }

    @Test
    void theMediaTypeDecidesWhichShapeIsAllowed() {
        assertThat(parser.parse(utf8("[{}]"), InputForm.SINGLE).failure()).get().asString().contains("application/cloudevents-batch+json");
        assertThat(parser.parse(utf8("{}"), InputForm.BATCH).failure()).get().asString().contains("JSON array");
        assertThat(parser.parse(utf8("[]"), InputForm.EITHER).failure()).get().asString().contains("empty");
        assertThat(parser.parse(utf8("42"), InputForm.EITHER).failure()).get().asString().contains("got a JSON number");
    }

    @Test
    void brokenJsonIsLocatedWithoutQuotingTheInput() {
        ParsedInput p = parser.parse(utf8("{\n \"givenName\": Amina\n}"), InputForm.EITHER);
        assertThat(p.failure()).get().asString().contains("line 2").doesNotContain("Amina");
    }

    @Test
    void aTruncatedBodyIsRefused() {
        assertThat(parser.parse(utf8("{\"id\":\"a\",\"data\":{\"person\":"), InputForm.EITHER).failure())
                .get().asString().startsWith("the body is not valid JSON");
    }

    @Test
    void emptyBodiesAreRefused() {
        assertThat(parser.parse(new byte[0], InputForm.EITHER).failure()).get().asString().contains("empty");
        assertThat(parser.parse(null, InputForm.EITHER).failure()).get().asString().contains("empty");
        assertThat(parser.parse(utf8("   "), InputForm.EITHER).failure()).isPresent();
    }

    @Test
    void nonUtf8BytesAreRefusedWithTheirOffset() {
        byte[] latin1 = "{\"familyName\":\"Sør\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(latin1, InputForm.EITHER).failure()).get().asString()
                .contains("not valid UTF-8").contains("offset 16");
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16);
        assertThat(parser.parse(utf16, InputForm.EITHER).failure()).get().asString().contains("not UTF-8");
    }

    @Test
    void deepNestingIsRefusedQuickly() {
        int depth = 100_000;
        byte[] body = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        ParsedInput p = parser.parse(body, InputForm.EITHER);
        assertThat(p.failure()).get().asString().contains("nested deeper than " + EventParser.MAX_NESTING_DEPTH);
        // Generous bound: the point is "no stack overflow, no minutes of work", not a timing claim.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void duplicateKeysAreAmbiguousAndRefused() {
        assertThat(parser.parse(utf8("{\"id\":\"a\",\"id\":\"b\"}"), InputForm.EITHER).failure()).isPresent();
    }

    @Test
    void trailingContentIsRefused() {
        assertThat(parser.parse(utf8("{\"id\":\"a\"} {\"id\":\"b\"}"), InputForm.EITHER).failure()).isPresent();
    }

    @Test
    void limitsAreCheckedBeforeAndWhileParsing() {
        EventParser small = new EventParser(new IntakeLimits(100, 40, 2));
        assertThat(small.parse(utf8(" ".repeat(101)), InputForm.EITHER).tooLarge()).isTrue();
        ParsedInput oneBigEvent = small.parse(utf8("{\"id\":\"" + "a".repeat(40) + "\"}"), InputForm.EITHER);
        assertThat(oneBigEvent.tooLarge()).isTrue();
        assertThat(oneBigEvent.failure()).get().asString().contains("max-event-bytes");
        assertThat(small.parse(utf8("[{},{},{}]"), InputForm.EITHER).failure()).get().asString().contains("more than 2 events");
        assertThat(small.parse(utf8("[{},{\"id\":\"" + "a".repeat(35) + "\"}]"), InputForm.EITHER).failure()).get().asString()
                .contains("event 1 of the batch");
        assertThat(small.parse(utf8("[{},{}]"), InputForm.EITHER).events()).hasSize(2);
    }

    @Test
    void aLongStringIsTooLargeNotTooDeep() {
        EventParser small = new EventParser(new IntakeLimits(1000, 500, 2));
        ParsedInput p = small.parse(utf8("[\"" + "a".repeat(600) + "\"]"), InputForm.EITHER);
        assertThat(p.tooLarge()).isTrue();
        assertThat(p.failure()).get().asString().contains("text value").doesNotContain("nested");
    }

    @Test
    void loneSurrogatesAndNulCharactersAreRefusedWithTheirPointer() {
        ParsedInput lone = parser.parse(utf8("{\"data\":{\"name\":\"a\\ud800b\"}}"), InputForm.EITHER);
        assertThat(lone.failure()).get().asString().contains("surrogate");
        assertThat(lone.failurePointer()).isEqualTo("/data/name");
        ParsedInput nul = parser.parse(utf8("[{},{\"id\":\"a\\u0000\"}]"), InputForm.EITHER);
        assertThat(nul.failure()).get().asString().contains("NUL");
        assertThat(nul.failurePointer()).isEqualTo("/1/id");
        assertThat(parser.parse(utf8("{\"name\":\"\\ud83d\\ude00\"}"), InputForm.EITHER).failure()).as("a whole pair is fine").isEmpty();
    }
}
