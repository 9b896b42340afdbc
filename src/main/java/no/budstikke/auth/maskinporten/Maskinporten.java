package no.budstikke.auth.maskinporten;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.budstikke.auth.maskinporten.ConsumerFile.Consumer;
import no.budstikke.config.HubSettings;

/**
 * Maskinporten as configured: the settings and the consumers of maskinporten.json, both checked at
 * start. Empty when {@code budstikke.maskinporten.issuer} is not set.
 */
public record Maskinporten(MaskinportenSettings settings, Map<String, Consumer> consumers) {

    public static Optional<Maskinporten> load(HubSettings settings, Path configDir) {
        return MaskinportenSettings.from(settings, configDir).map(s -> new Maskinporten(s, ConsumerFile.load(s.consumersFile())));
    }

    public AccessTokens tokens(Clock clock) {
        return new AccessTokens(settings, consumers, clock);
    }
}
