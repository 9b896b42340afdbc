package no.budstikke.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import no.budstikke.auth.ApiKeyFile;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.config.KnownSettings;
import no.budstikke.dispatch.config.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings' own check: unknown keys with where they were given, values by kind, the production refusals. */
class SettingsCheckTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();
    private final Map<String, String> atStart = new HashMap<>();

    /** Runs the check over a properties file of these lines; settings resolve as camel-main does (start, system, env, file). */
    private List<String> problems(String... lines) throws IOException {
        Path file = dir.resolve("application.properties");
        Files.write(file, List.of(lines));
        GivenSettings given = GivenSettings.read(file, system, env, atStart);
        Properties fromFile = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            fromFile.load(in);
        }
        HubSettings settings = new HubSettings(key -> Optional.ofNullable(atStart.get(key))
                .or(() -> Optional.ofNullable(system.getProperty(key)))
                .or(() -> Optional.ofNullable(env.get(KnownSettings.environmentForm(key))))
                .or(() -> Optional.ofNullable(fromFile.getProperty(key))));
        Path keysFile = Path.of("src/test/resources/test-api-keys.json").toAbsolutePath();
        ApiKeys keys = ApiKeyFile.load(keysFile);
        Problems problems = new Problems();
        SettingsCheck.check(given, KnownSettings.declared(), settings, keys, keysFile, problems);
        return problems.lines();
    }

    private String file() {
        return dir.resolve("application.properties").toString();
    }

    @Test
    void aMisspeltKeyInTheFileNamesFileLineKeyAndTheClosestKnownKey() throws IOException {
        List<String> problems = problems("# settings", "budstikke.http.port = 8080", "", "budstikke.delivery.sandbx = true");

        assertThat(problems).containsExactly(file() + ":4 at budstikke.delivery.sandbx: unknown setting 'budstikke.delivery.sandbx'"
                + " (did you mean 'budstikke.delivery.sandbox'?); expected a setting the hub has; config/application.properties lists them all");
    }

    @Test
    void aMisspeltProfileKeyIsUnknownSoItCannotSkipTheProductionChecksUnseen() throws IOException {
        assertThat(problems("budstikke.profle = production")).singleElement().asString()
                .startsWith(file() + ":1 at budstikke.profle: unknown setting").contains("did you mean 'budstikke.profile'");
    }

    @Test
    void everyUnknownKeyIsListedAtOnceWithWhereItWasGiven() throws IOException {
        system.setProperty("budstikke.http.prot", "9090");
        env.put("BUDSTIKKE_MAIL_HOTS", "smtp.example");
        atStart.put("budstikke.dispatch.pol-ms", "100");
        env.put("PATH", "/usr/bin"); // not the hub's

        List<String> problems = problems("budstikke.mail.hots = x", "camel.main.name = budstikke");

        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file() + ":1 at budstikke.mail.hots").contains("'budstikke.mail.host'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("system properties at budstikke.http.prot").contains("'budstikke.http.port'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("environment at BUDSTIKKE_MAIL_HOTS")
                .contains("unknown environment variable", "'BUDSTIKKE_MAIL_HOST'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("settings given at start at budstikke.dispatch.pol-ms")
                .contains("'budstikke.dispatch.poll-ms'"));
    }

    @Test
    void anEnvironmentVariableNamedAsASecretIsNotASetting() throws IOException {
        env.put("BUDSTIKKE_POLICE_TOKEN", "secret");
        env.put("BUDSTIKKE_DB_SECRET", "secret");
        assertThat(problems("budstikke.delivery.auth.police-oslo = bearer env:BUDSTIKKE_POLICE_TOKEN",
                "budstikke.db.password = {{env:BUDSTIKKE_DB_SECRET}}")).isEmpty();
    }

    @Test
    void badValuesAreListedByKindWithTheirLine() throws IOException {
        List<String> problems = problems("budstikke.http.port = eighty", "budstikke.duf.enabled = yes",
                "budstikke.quarantine.raw-cap = 1GB", "budstikke.delivery.retry.mail.jitter = a fifth", "budstikke.profile = prod");

        assertThat(problems).containsExactlyInAnyOrder(
                file() + ":1 at budstikke.http.port: setting 'budstikke.http.port' must be a whole number, got 'eighty'",
                file() + ":2 at budstikke.duf.enabled: setting 'budstikke.duf.enabled' must be true or false, got 'yes'",
                file() + ":3 at budstikke.quarantine.raw-cap: setting 'budstikke.quarantine.raw-cap' must be a size such as 1048576, 512KiB or 1MiB, got '1GB'",
                file() + ":4 at budstikke.delivery.retry.mail.jitter: setting 'budstikke.delivery.retry.mail.jitter' must be a number such as 0.2, got 'a fifth'",
                file() + ":5 at budstikke.profile: setting 'budstikke.profile' must be 'embedded' or 'production', got 'prod'");
    }

    @Test
    void theSandboxIsOnUnlessTheProductionProfileIsChosen() {
        assertThat(new HubSettings(k -> Optional.empty()).sandbox()).isTrue();
        assertThat(new HubSettings(k -> Optional.ofNullable(Map.of("budstikke.profile", "embedded").get(k))).sandbox()).isTrue();
        assertThat(new HubSettings(k -> Optional.ofNullable(Map.of("budstikke.profile", "production").get(k))).sandbox()).isFalse();
        assertThat(new HubSettings(k -> Optional.ofNullable(Map.of(HubSettings.SANDBOX, "false").get(k))).sandbox()).isFalse();
    }

    @Test
    void theShippedFileLeavesTheSandboxOnInTheEmbeddedProfile() throws IOException {
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        assertThat(new HubSettings(k -> Optional.ofNullable(shipped.getProperty(k))).sandbox()).isTrue();
        shipped.setProperty("budstikke.profile", "production");
        assertThat(new HubSettings(k -> Optional.ofNullable(shipped.getProperty(k))).sandbox()).isFalse();
    }

    @Test
    void theProductionProfileListsEveryRefusalAtOnce() throws IOException {
        env.put("BUDSTIKKE_MAIL_STARTTLS_REQUIRED", "false");
        List<String> problems = problems("budstikke.profile = production", "budstikke.delivery.sandbox = true",
                "budstikke.sftp.strict-host-key-checking = no", "budstikke.ops.mailbox = Drift <drift@budstikke.example>",
                "budstikke.db.url = jdbc:h2:mem:hub", "budstikke.intake.file.folders.bergen = urn:no:udi:mot:centre:C-4601-02");

        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).startsWith(file() + ":5 at budstikke.db.url: the production profile refuses").contains("H2");

        assertThat(problems.get(1)).startsWith(file() + ":2 at budstikke.delivery.sandbox: the production profile refuses").contains("sandbox");
        assertThat(problems.get(2)).startsWith(file() + ":3 at budstikke.sftp.strict-host-key-checking: the production profile refuses")
                .contains("known-hosts-file");
        assertThat(problems.get(3)).startsWith("environment at BUDSTIKKE_MAIL_STARTTLS_REQUIRED: the production profile refuses")
                .contains("clear text");
        assertThat(problems.get(4)).startsWith(file() + ":4 at budstikke.ops.mailbox: the production profile refuses").contains("reach nobody");
        assertThat(problems.get(5)).startsWith("not set at budstikke.tls.keystore.file: the production profile refuses plain HTTP")
                .contains("budstikke.http.trusted-proxies");
        // a folder of its own for one sender leaves the inbox itself unbound
        assertThat(problems.get(6)).startsWith("not set at budstikke.intake.file.sources: the production profile refuses");
    }

    @Test
    void theProductionProfileAcceptsSafeSettings() throws IOException {
        assertThat(problems("budstikke.profile = production", "budstikke.ops.mailbox = Drift <drift@hub.test>",
                "budstikke.db.url = jdbc:postgresql://db.hub.test:5432/budstikke", "budstikke.intake.file.sources = none",
                "budstikke.intake.file.folders.bergen = urn:no:udi:mot:centre:C-4601-02",
                "budstikke.tls.keystore.file = /run/secrets/budstikke-tls.p12")).isEmpty();
    }

    @Test
    void theProductionProfileTakesPlainHttpOnlyBehindATrustedTlsTerminatingProxy() throws IOException {
        String[] safe = {"budstikke.profile = production", "budstikke.ops.mailbox = Drift <drift@hub.test>",
            "budstikke.db.url = jdbc:postgresql://db.hub.test:5432/budstikke", "budstikke.intake.file.sources = none"};

        assertThat(problems(safe)).singleElement().asString()
                .startsWith("not set at budstikke.tls.keystore.file: the production profile refuses plain HTTP on budstikke.http.port");
        String[] behindProxy = java.util.Arrays.copyOf(safe, safe.length + 1);
        behindProxy[safe.length] = "budstikke.http.trusted-proxies = 10.0.4.0/24";
        assertThat(problems(behindProxy)).isEmpty();
        String[] pem = java.util.Arrays.copyOf(safe, safe.length + 1);
        pem[safe.length] = "budstikke.tls.certificate-file = /run/secrets/tls.crt";
        assertThat(problems(pem)).isEmpty();
    }
}
