package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AccessPathTest {

    @Test
    void theHubsOwnWordsAndOpaqueIdsAreShown() {
        assertThat(AccessPath.shown("/api/v1/events/0123456789abcdef0123456789abcdef/release"))
                .isEqualTo("/api/v1/events/0123456789abcdef0123456789abcdef/release");
        assertThat(AccessPath.shown("/api/v1/notices/3f2b8c1e-9a4d-4e2f-8b6a-1c2d3e4f5a6b/replay"))
                .isEqualTo("/api/v1/notices/3f2b8c1e-9a4d-4e2f-8b6a-1c2d3e4f5a6b/replay");
        assertThat(AccessPath.shown("/api/v1/tasks/42/ack")).isEqualTo("/api/v1/tasks/42/ack");
        assertThat(AccessPath.shown("/observe/health/ready")).isEqualTo("/observe/health/ready");
        assertThat(AccessPath.shown("/")).isEqualTo("/");
        assertThat(AccessPath.shown("")).isEqualTo("/");
    }

    @Test
    void whatAClientPutThereItselfIsNotShown() {
        // A DUF number is 12 digits: longer than any id the hub hands out.
        assertThat(AccessPath.shown("/api/v1/events/201912345678")).isEqualTo("/api/v1/events/…");
        assertThat(AccessPath.shown("/api/v1/journal/Ola%20Nordmann")).isEqualTo("/api/v1/journal/…");
        assertThat(AccessPath.shown("/api/v1/events/ola-nordmann/release")).isEqualTo("/api/v1/events/…/release");
        assertThat(AccessPath.shown("/API/V1")).isEqualTo("/…/…");
    }

    @Test
    void theQueryIsNeverShown() {
        assertThat(AccessPath.shown("/api/v1/notices?duf=201912345678&name=Ola")).isEqualTo("/api/v1/notices");
        assertThat(AccessPath.shown("/api/v1/notices?")).isEqualTo("/api/v1/notices");
    }

    @Test
    void aVeryLongPathIsCut() {
        assertThat(AccessPath.shown("/api".repeat(40))).isEqualTo("/api".repeat(12) + "/…");
    }

    /** A word a route adds to a path must be added to AccessPath, or the access log would hide it. */
    @Test
    void everyLiteralSegmentOfEveryRoutePathIsAWordTheLogShows() throws IOException {
        Pattern path = Pattern.compile("^\\s*(?:-\\s*)?(?:path|apiContextPath|contextPath):\\s*\"?([^\"\\s]+)\"?\\s*$", Pattern.MULTILINE);
        Set<String> unknown = new TreeSet<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = path.matcher(Files.readString(f));
                while (m.find()) {
                    for (String segment : m.group(1).split("/")) {
                        if (segment.isEmpty() || segment.startsWith("{")) continue;
                        seen++;
                        if (!AccessPath.WORDS.contains(segment)) unknown.add(f.getFileName() + ": " + segment);
                    }
                }
            }
        }
        assertThat(seen).as("route paths found").isGreaterThan(20);
        assertThat(unknown).isEmpty();
    }
}
