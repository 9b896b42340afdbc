package no.budstikke.console.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Profile;
import no.budstikke.config.Setting;

/**
 * The {@code budstikke.console.oidc.*} settings. OpenID Connect logins are off unless an issuer is
 * set; once it is, the client and its redirect URI must be set too, and every mistake is reported at once.
 *
 * @param roleValues for each console role, the values of the role claim that grant it
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, ClientAuth clientAuth, URI redirectUri,
                           List<String> scopes, String roleClaim, String nameClaim, Map<String, Set<String>> roleValues,
                           Duration timeout, int maxBytes, Duration clockSkew, Duration loginLifetime) {

    /** How the hub proves itself at the token endpoint. */
    public enum ClientAuth {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST;

        String settingValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The console's roles, as the console names them. */
    public static final List<String> ROLES = List.of("staff", "ops", "ops-pii");

    /** Claims that hold a national identity number (ID-porten's pid): never a name to show. */
    static final Set<String> NATIONAL_IDS = Set.of("pid", "fnr", "personidentifikator");
    static final String P = "budstikke.console.oidc.";
    static final Setting<String> ISSUER = Setting.text(P + "issuer");
    static final Setting<String> CLIENT_ID = Setting.text(P + "client-id");
    /** Usually given as {@code client-secret-file}, read at start like the hub's other secrets. */
    static final Setting<String> CLIENT_SECRET = Setting.text(P + "client-secret");
    static final Setting<String> CLIENT_AUTH = Setting.text(P + "client-auth", "client_secret_basic");
    static final Setting<String> REDIRECT_URI = Setting.text(P + "redirect-uri");
    static final Setting<String> SCOPES = Setting.text(P + "scopes", "openid profile");
    static final Setting<String> ROLE_CLAIM = Setting.text(P + "role-claim", "roles");
    static final Setting<String> NAME_CLAIM = Setting.text(P + "name-claim", "preferred_username");
    static final Setting<Integer> TIMEOUT_MS = Setting.wholeNumber(P + "timeout-ms", 5_000);
    static final Setting<Long> MAX_BYTES = Setting.size(P + "max-bytes", 256 * 1024);
    static final Setting<Integer> CLOCK_SKEW_SECONDS = Setting.wholeNumber(P + "clock-skew-seconds", 60);
    static final Setting<Integer> LOGIN_MINUTES = Setting.wholeNumber(P + "login-minutes", 10);
    /** {@code role.<role>}: comma-separated claim values granting the role; when not set, the role's own name. */
    static final Map<String, Setting<String>> ROLE_VALUES = roleSettings();

    /** Empty when no issuer is set: the console then has only its local users. */
    public static Optional<OidcSettings> from(HubSettings s) {
        List<String> errors = new ArrayList<>();
        Optional<String> issuerText = ISSUER.given(s);
        if (issuerText.isEmpty()) {
            for (Setting<String> other : List.of(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)) {
                if (other.given(s).isPresent()) {
                    errors.add("setting '" + other + "' is set but " + ISSUER + " is not; expected both, or neither "
                            + "(OpenID Connect logins off)");
                }
            }
            if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
            return Optional.empty();
        }
        boolean production = s.profile() == Profile.PRODUCTION;
        URI issuer = url(ISSUER, issuerText.get(), production, "the issuer's URL, such as https://login.microsoftonline.com/<tenant>/v2.0", errors);
        String clientId = required(s, CLIENT_ID, "the client id the issuer gave the hub when it was registered", errors);
        String secret = required(s, CLIENT_SECRET, "the client secret, best as " + CLIENT_SECRET + "-file naming a mounted file", errors);
        URI redirect = REDIRECT_URI.given(s).map(r -> url(REDIRECT_URI, r, production,
                "the absolute URL of the console's login callback, such as https://budstikke.udi.no/console/oidc", errors)).orElse(null);
        if (REDIRECT_URI.given(s).isEmpty()) {
            errors.add("setting '" + REDIRECT_URI + "' is required when " + ISSUER + " is set; expected the absolute URL of the "
                    + "console's login callback, as registered at the issuer");
        }
        ClientAuth auth = clientAuth(CLIENT_AUTH.in(s), errors);
        List<String> scopes = Arrays.stream(SCOPES.in(s).split("[\\s,]+")).filter(x -> !x.isEmpty()).distinct().toList();
        if (!scopes.contains("openid")) {
            errors.add("setting '" + SCOPES + "' must contain 'openid', such as 'openid profile'");
        }
        String roleClaim = claimName(ROLE_CLAIM, ROLE_CLAIM.in(s), errors);
        String nameClaim = claimName(NAME_CLAIM, NAME_CLAIM.in(s), errors);
        if (NATIONAL_IDS.contains(nameClaim)) {
            errors.add("setting '" + NAME_CLAIM + "' names '" + nameClaim + "', a national identity number: it would be shown "
                    + "and could reach logs; expected a display name claim such as 'name' or 'preferred_username'");
        }
        Map<String, Set<String>> roleValues = new LinkedHashMap<>();
        ROLE_VALUES.forEach((role, setting) -> roleValues.put(role, roleValues(setting, setting.given(s).orElse(role), errors)));
        int timeout = Setting.within(s, TIMEOUT_MS, 100, 60_000, errors);
        long maxBytes = Setting.sizeWithin(s, MAX_BYTES, errors);
        int skew = Setting.within(s, CLOCK_SKEW_SECONDS, 0, 300, errors);
        int login = Setting.within(s, LOGIN_MINUTES, 1, 60, errors);
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return Optional.of(new OidcSettings(issuer, clientId, secret, auth, redirect, scopes, roleClaim, nameClaim,
                Map.copyOf(roleValues), Duration.ofMillis(timeout), (int) maxBytes, Duration.ofSeconds(skew), Duration.ofMinutes(login)));
    }

    /** The secret stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }

    private static URI url(Setting<String> setting, String text, boolean production, String expected, List<String> errors) {
        try {
            URI uri = new URI(text);
            boolean https = "https".equals(uri.getScheme());
            if (!https && !"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.add("setting '" + setting + "' must be an absolute http(s) URL without query or fragment; expected " + expected);
                return null;
            }
            if (production && !https) {
                errors.add("setting '" + setting + "': the production profile refuses plain http, which lets whoever sits on the "
                        + "way read or forge logins; expected " + expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add("setting '" + setting + "' is not a URL; expected " + expected);
            return null;
        }
    }

    private static String required(HubSettings s, Setting<String> setting, String expected, List<String> errors) {
        Optional<String> v = setting.given(s);
        if (v.isEmpty()) errors.add("setting '" + setting + "' is required when " + ISSUER + " is set; expected " + expected);
        return v.orElse(null);
    }

    private static ClientAuth clientAuth(String text, List<String> errors) {
        for (ClientAuth auth : ClientAuth.values()) {
            if (auth.settingValue().equals(text)) return auth;
        }
        errors.add("setting '" + CLIENT_AUTH + "' must be client_secret_basic or client_secret_post, got '" + text + "'");
        return ClientAuth.CLIENT_SECRET_BASIC;
    }

    private static String claimName(Setting<String> setting, String text, List<String> errors) {
        if (!text.matches("[A-Za-z0-9_:./-]{1,100}")) {
            errors.add("setting '" + setting + "' must be one claim name such as 'roles' or 'groups', got '" + text + "'");
        }
        return text;
    }

    private static Set<String> roleValues(Setting<String> setting, String text, List<String> errors) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : text.split(",")) {
            if (!v.trim().isEmpty()) values.add(v.trim());
        }
        if (values.isEmpty()) errors.add("setting '" + setting + "' must list at least one claim value, comma-separated");
        return Set.copyOf(values);
    }


    private static Map<String, Setting<String>> roleSettings() {
        Map<String, Setting<String>> m = new LinkedHashMap<>();
        for (String role : ROLES) m.put(role, Setting.text(P + "role." + role));
        return java.util.Collections.unmodifiableMap(m);
    }
}
