package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting the hub reads is declared in {@link KnownSettings}, and every declared setting is
 * documented in config/application.properties: a new setting that misses either fails here.
 */
class KnownSettingsTest {

    private static final Path PROPERTIES = Path.of("config/application.properties");
    /** A "budstikke." string literal in Java; a trailing dot makes it a prefix that is completed in code. */
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"(budstikke\\.[a-z0-9.\\-]*)\"");
    /** {{budstikke.x}} or {{?budstikke.x}} in a route. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??(budstikke\\.[a-z0-9.\\-]*[a-z0-9])");

    private final KnownSettings known = KnownSettings.declared();

    @Test
    void everySettingTheCodeReadsIsDeclared() throws IOException {
        Set<String> read = settingsReadByTheCode();
        assertThat(read).as("the scan finds settings in Java and in the routes")
                .contains("budstikke.profile", "budstikke.delivery.sandbox", "budstikke.dispatch.poll-ms", "budstikke.mail.port");
        List<String> undeclared = new ArrayList<>();
        for (String key : read) {
            boolean declared = key.endsWith(".")
                    ? KnownSettings.declaredKeys().stream().anyMatch(k -> k.startsWith(key))
                    : known.known(key);
            if (!declared) undeclared.add(key);
        }
        assertThat(undeclared).as("read by the hub but not declared in KnownSettings").isEmpty();
    }

    @Test
    void everyDeclaredSettingIsDocumentedInApplicationProperties() throws IOException {
        String file = Files.readString(PROPERTIES);
        List<String> undocumented = new ArrayList<>();
        for (String key : KnownSettings.declaredKeys()) {
            boolean documented = key.endsWith(".*")
                    ? file.contains(KnownSettings.familyPrefix(key) + "<")
                    : Pattern.compile("(?m)^#?" + Pattern.quote(key) + "\\s*=").matcher(file).find();
            if (!documented) undocumented.add(key);
        }
        assertThat(undocumented).as("declared but without a (commented) line in " + PROPERTIES).isEmpty();
    }

    @Test
    void theShippedPropertiesFileHasNoUnknownKey() throws IOException {
        GivenSettings given = GivenSettings.read(PROPERTIES, java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        assertThat(given.all()).as("keys read from the file").hasSizeGreaterThan(50);
        assertThat(given.all()).allSatisfy(g -> assertThat(known.known(g.key())).as(g.key()).isTrue());
    }

    @Test
    void aFamilyCoversEveryNameAfterItsPrefixButNotThePrefixAlone() {
        assertThat(known.known("budstikke.delivery.auth.police-oslo")).isTrue();
        assertThat(known.known("budstikke.delivery.auth.")).isFalse();
        assertThat(known.known("budstikke.delivery.auth")).isFalse();
        assertThat(known.knownEnvironmentVariable("BUDSTIKKE_DELIVERY_AUTH_POLICE_OSLO")).isTrue();
    }

    @Test
    void environmentVariablesAreTheUpperCaseFormOfAKey() {
        assertThat(known.knownEnvironmentVariable("BUDSTIKKE_DELIVERY_SANDBOX")).isTrue();
        assertThat(known.knownEnvironmentVariable("BUDSTIKKE_INTAKE_MAX_BYTES")).isTrue();
        assertThat(known.knownEnvironmentVariable("BUDSTIKKE_DELIVERY_SANDBX")).isFalse();
        assertThat(KnownSettings.environmentForm("budstikke.schedule.turning-18.lead-days")).isEqualTo("BUDSTIKKE_SCHEDULE_TURNING_18_LEAD_DAYS");
    }

    @Test
    void settingsNamedByAConfigFileCanBeAddedAsKnown() {
        assertThat(known.known("budstikke.ops.police-mailbox")).isFalse();
        assertThat(known.and(Set.of("budstikke.ops.police-mailbox")).known("budstikke.ops.police-mailbox")).isTrue();
    }

    /** Settings in Java string literals (metric names aside) and in route placeholders. */
    private static Set<String> settingsReadByTheCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> java = Files.walk(Path.of("src/main/java"))) {
            for (Path p : java.filter(f -> f.toString().endsWith(".java")).toList()) {
                // budstikke_* metric names are not settings
                if (p.getFileName().toString().endsWith("Meters.java")) continue;
                Matcher m = JAVA_LITERAL.matcher(Files.readString(p));
                while (m.find()) {
                    if (!m.group(1).equals("budstikke.example")) keys.add(m.group(1)); // the shipped example mail domain
                }
            }
        }
        try (Stream<Path> routes = Files.walk(Path.of("routes"))) {
            for (Path p : routes.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(p));
                while (m.find()) keys.add(m.group(1));
            }
        }
        return keys;
    }
}
