package no.budstikke.auth.maskinporten;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The {@code budstikke.maskinporten.*} settings. Maskinporten is off unless an issuer is set; once
 * it is, everything a token is checked against must be set too, and every mistake is reported at once.
 *
 * @param jwks where the issuer's public keys are read: an http(s) URL, or a {@code file:} URL for a JWKS
 *             file kept beside the config (both cached, and read again when a token names an unknown key)
 */
public record MaskinportenSettings(String issuer, String audience, String scope, URL jwks, Path consumersFile,
                                   Duration clockSkew, Set<JWSAlgorithm> algorithms, Duration jwksTimeout,
                                   int jwksMaxBytes, Duration jwksMinRefresh, Duration jwksCache) {

    static final String P = "budstikke.maskinporten.";
    public static final String ISSUER = P + "issuer";
    /** Asymmetric algorithms only: 'none' and HMAC (whose key would be a shared secret) are never accepted. */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final int MAX_SKEW_SECONDS = 300;
    static final Setting<Integer> CLOCK_SKEW_SECONDS = Setting.wholeNumber(P + "clock-skew-seconds", 30);
    static final Setting<String> ALGORITHMS = Setting.text(P + "algorithms", "RS256");
    static final Setting<Integer> JWKS_TIMEOUT_MS = Setting.wholeNumber(P + "jwks-timeout-ms", 5_000);
    static final Setting<Long> JWKS_MAX_BYTES = Setting.size(P + "jwks-max-bytes", 256 * 1024);
    static final Setting<Integer> JWKS_MIN_REFRESH_MS = Setting.wholeNumber(P + "jwks-min-refresh-ms", 30_000);
    static final Setting<Integer> JWKS_CACHE_MS = Setting.wholeNumber(P + "jwks-cache-ms", 900_000);
    /** Default: maskinporten.json in the config folder. */
    static final Setting<String> CONSUMERS_FILE = Setting.text(P + "consumers-file");

    /** Empty when no issuer is set: tokens are then not accepted, and every bearer is an API key. */
    public static Optional<MaskinportenSettings> from(HubSettings s, Path configDir) {
        List<String> errors = new ArrayList<>();
        Optional<String> issuer = s.optional(ISSUER);
        if (issuer.isEmpty()) {
            for (String name : List.of("audience", "scope", "jwks-url", "jwks-file")) {
                if (s.optional(P + name).isPresent()) {
                    errors.add("setting '" + P + name + "' is set but " + ISSUER + " is not; expected both, or neither "
                            + "(Maskinporten off)");
                }
            }
            if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
            return Optional.empty();
        }
        String audience = required(s, "audience", "the audience Maskinporten puts in tokens for this hub", errors);
        String scope = required(s, "scope", "the scope a sender's token must carry, such as 'udi:budstikke.events'", errors);
        if (scope != null && scope.contains(" ")) {
            errors.add("setting '" + P + "scope' must be one scope without spaces, got several");
        }
        URL jwks = jwks(s, configDir, errors);
        Path consumers = CONSUMERS_FILE.given(s).map(Path::of).orElse(configDir.resolve("maskinporten.json"));
        int skew = Setting.within(s, CLOCK_SKEW_SECONDS, 0, MAX_SKEW_SECONDS, errors);
        Set<JWSAlgorithm> algorithms = algorithms(ALGORITHMS.in(s), errors);
        int timeout = Setting.within(s, JWKS_TIMEOUT_MS, 100, 60_000, errors);
        long maxBytes = Setting.sizeWithin(s, JWKS_MAX_BYTES, errors);
        int minRefresh = Setting.within(s, JWKS_MIN_REFRESH_MS, 1_000, 3_600_000, errors);
        int cache = Setting.within(s, JWKS_CACHE_MS, 10_000, 86_400_000, errors);
        if (cache <= minRefresh) {
            errors.add("setting '" + P + "jwks-cache-ms' must be longer than " + P + "jwks-min-refresh-ms");
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return Optional.of(new MaskinportenSettings(issuer.get(), audience, scope, jwks, consumers, Duration.ofSeconds(skew),
                algorithms, Duration.ofMillis(timeout), (int) maxBytes, Duration.ofMillis(minRefresh), Duration.ofMillis(cache)));
    }

    private static String required(HubSettings s, String name, String expected, List<String> errors) {
        Optional<String> v = s.optional(P + name);
        if (v.isEmpty()) errors.add("setting '" + P + name + "' is required when " + ISSUER + " is set; expected " + expected);
        return v.orElse(null);
    }

    private static URL jwks(HubSettings s, Path configDir, List<String> errors) {
        Optional<String> url = s.optional(P + "jwks-url");
        Optional<String> file = s.optional(P + "jwks-file");
        if (url.isPresent() == file.isPresent()) {
            errors.add("settings '" + P + "jwks-url' and '" + P + "jwks-file': expected exactly one, the issuer's JWKS URL "
                    + "(Maskinporten: https://maskinporten.no/jwk) or a JWKS file");
            return null;
        }
        try {
            if (file.isPresent()) {
                Path p = configDir.resolve(file.get());
                if (!Files.isRegularFile(p)) errors.add("setting '" + P + "jwks-file': " + p + " is not a file; expected a JWKS file");
                return p.toUri().toURL();
            }
            URI uri = new URI(url.get());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add("setting '" + P + "jwks-url' must be an http(s) URL such as https://maskinporten.no/jwk");
                return null;
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            errors.add("setting '" + P + (file.isPresent() ? "jwks-file" : "jwks-url") + "' is not a usable location; expected "
                    + (file.isPresent() ? "a file path" : "an http(s) URL such as https://maskinporten.no/jwk"));
            return null;
        }
    }


    private static Set<JWSAlgorithm> algorithms(String list, List<String> errors) {
        Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name.trim());
            if (!ALLOWED.contains(alg)) {
                errors.add("setting '" + P + "algorithms': '" + name.trim() + "' is not accepted; expected a comma-separated list "
                        + "of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 ('none' and HMAC are never accepted)");
            } else {
                chosen.add(alg);
            }
        }
        return Set.copyOf(chosen);
    }
}
