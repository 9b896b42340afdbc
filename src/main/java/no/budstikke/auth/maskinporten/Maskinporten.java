package no.budstikke.auth.maskinporten;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import no.budstikke.auth.maskinporten.ConsumerFile.Consumer;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;

/**
 * Maskinporten as configured: the settings and the consumers of maskinporten.json, both checked at
 * start. Empty when {@code budstikke.maskinporten.issuer} is not set.
 */
public record Maskinporten(MaskinportenSettings settings, Map<String, Consumer> consumers) {

    public static Optional<Maskinporten> load(HubSettings settings, Path configDir) {
        return MaskinportenSettings.from(settings, configDir).map(s -> new Maskinporten(s, ConsumerFile.load(s.consumersFile())));
    }

    /**
     * A consumer's name is the sender's name in quarantine rows, the log and the per-sender quarantine
     * cap, so it must not also be an API key's name.
     */
    public void checkNamesApartFrom(Set<String> apiKeyNames, Path apiKeysFile) {
        List<String> shared = consumers.values().stream().map(Consumer::name).filter(apiKeyNames::contains).sorted().toList();
        if (!shared.isEmpty()) {
            throw new ConfigException(settings.consumersFile() + ": the names " + shared + " are also names in " + apiKeysFile
                    + "; expected a name of its own for each sender, so that quarantine and the log tell them apart");
        }
    }

    public AccessTokens tokens(Clock clock) {
        return new AccessTokens(settings, consumers, clock);
    }
}
