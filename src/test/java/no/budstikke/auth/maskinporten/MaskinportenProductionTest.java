package no.budstikke.auth.maskinporten;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.startup.ProductionGuard;
import no.budstikke.dispatch.config.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production profile refuses keys that could be swapped on the way. */
class MaskinportenProductionTest {

    @TempDir
    Path dir;

    @Test
    void productionRefusesAJwksUrlOverPlainHttpNamingWhereItWasSet() throws Exception {
        List<String> problems = refusals("budstikke.profile = production", "budstikke.maskinporten.jwks-url = http://maskinporten.no/jwk");

        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(dir.resolve("application.properties") + ":2 at budstikke.maskinporten.jwks-url")
                .contains("plain http", "https://maskinporten.no/jwk"));
    }

    @Test
    void productionTakesTheHttpsUrlAndOtherProfilesTakeAnyForTests() throws Exception {
        assertThat(refusals("budstikke.profile = production", "budstikke.maskinporten.jwks-url = https://maskinporten.no/jwk"))
                .noneSatisfy(p -> assertThat(p).contains("budstikke.maskinporten.jwks-url"));
        assertThat(refusals("budstikke.maskinporten.jwks-url = http://127.0.0.1:8099/jwk")).isEmpty();
    }

    private List<String> refusals(String... lines) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.write(file, List.of(lines));
        Properties fromFile = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            fromFile.load(in);
        }
        HubSettings settings = new HubSettings(k -> Optional.ofNullable(fromFile.getProperty(k)));
        GivenSettings given = GivenSettings.read(file, new Properties(), Map.of(), Map.of());
        Problems problems = new Problems();
        ProductionGuard.refusals(settings, given, null, dir.resolve("api-keys.json"), problems);
        return problems.lines();
    }
}
