package no.budstikke.delivery.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each HTTP office's credential, as the value of an Authorization header. The setting
 * {@code budstikke.delivery.auth.<officeId>} says where the secret is: {@code bearer env:NAME},
 * {@code bearer file:/path}, {@code basic env:NAME} or {@code basic file:/path} (a basic secret is
 * {@code user:password}). The secret is read at every use, so a rotated mounted file counts at once.
 * Errors name the office and the setting; no message repeats a setting's value or a secret.
 */
public final class OfficeSecrets {

    public static final String SETTING_PREFIX = "budstikke.delivery.auth.";

    private static final Pattern FORM = Pattern.compile("(bearer|basic)\\s+(env|file):(\\S.*)", Pattern.CASE_INSENSITIVE);
    private static final String FORMS = "must be 'bearer env:NAME', 'bearer file:/path', 'basic env:NAME' or 'basic file:/path'";
    /** RFC 6750 b64token. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final Function<String, Optional<String>> settings;
    private final Function<String, String> environment;

    /**
     * @param settings    the hub's settings (camel-main's properties in the running hub)
     * @param environment environment variables: {@code System::getenv} in the hub, a map in tests
     */
    public OfficeSecrets(Function<String, Optional<String>> settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** Whether the office is configured with a credential; without one, no Authorization header is sent. */
    public boolean configured(String officeId) {
        return setting(officeId).isPresent();
    }

    /** The Authorization header value for the office: {@code Bearer <token>} or {@code Basic <base64>}. */
    public String authorization(String officeId) {
        String key = SETTING_PREFIX + officeId;
        String value = setting(officeId).orElseThrow(() -> new OfficeSecretException(officeId, key, "is not set"));
        Matcher form = FORM.matcher(value);
        if (!form.matches()) throw new OfficeSecretException(officeId, key, FORMS);
        String scheme = form.group(1).toLowerCase(Locale.ROOT);
        String secret = read(officeId, key, form.group(2).toLowerCase(Locale.ROOT), form.group(3));
        return scheme.equals("bearer") ? bearer(officeId, key, secret) : basic(officeId, key, secret);
    }

    private Optional<String> setting(String officeId) {
        return settings.apply(SETTING_PREFIX + officeId).map(String::strip).filter(v -> !v.isEmpty());
    }

    private String read(String officeId, String key, String source, String reference) {
        String secret;
        if (source.equals("env")) {
            secret = environment.apply(reference);
            if (secret == null) throw new OfficeSecretException(officeId, key, "names an environment variable that is not set");
        } else {
            try {
                secret = Files.readString(Path.of(reference), UTF_8);
            } catch (IOException | InvalidPathException e) {
                throw new OfficeSecretException(officeId, key, "names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        // Mounted secrets usually end with a line break.
        secret = secret.strip();
        if (secret.isEmpty()) throw new OfficeSecretException(officeId, key, "names an empty secret");
        return secret;
    }

    private static String bearer(String officeId, String key, String token) {
        if (!BEARER_TOKEN.matcher(token).matches()) throw new OfficeSecretException(officeId, key, "names a secret that is not a valid bearer token");
        return "Bearer " + token;
    }

    private static String basic(String officeId, String key, String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        if (colon < 1 || CONTROL.matcher(userAndPassword).find()) {
            throw new OfficeSecretException(officeId, key, "names a secret that is not 'user:password'");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(UTF_8));
    }

    @Override
    public String toString() {
        return "OfficeSecrets[" + SETTING_PREFIX + "*]";
    }
}
