package no.budstikke.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passwords read from files, as container platforms mount secrets: {@code budstikke.db.password-file}
 * (or {@code BUDSTIKKE_DB_PASSWORD_FILE}) names a file whose content is {@code budstikke.db.password}.
 * The password then never sits in an environment variable that a process listing or a crash dump
 * shows. Giving both the password and its file is refused: which one wins would be a guess.
 */
public final class SecretFiles {

    /** The settings that may come from a file; each has a twin with {@link #SUFFIX}. */
    public static final List<String> SECRETS = List.of("budstikke.db.password", "budstikke.duf.db.password", "budstikke.mail.password",
            "budstikke.sftp.private-key-passphrase", "budstikke.tls.keystore.password", "budstikke.tls.truststore.password",
            "budstikke.console.oidc.client-secret");
    public static final String SUFFIX = "-file";
    /** A secret file is a password, not a document: larger is a wrong path. */
    static final long MAX_BYTES = 4096;

    private SecretFiles() {
    }

    /**
     * The secrets given as files, by setting, read now.
     *
     * @throws ConfigException naming every setting whose file cannot be used, and why
     */
    public static Map<String, String> read(HubSettings settings) {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String secret : SECRETS) {
            String fileKey = secret + SUFFIX;
            Optional<String> file = settings.optional(fileKey);
            if (file.isEmpty()) continue;
            if (settings.optional(secret).isPresent()) {
                errors.add("setting '" + fileKey + "': " + secret + " is given too; expected one of them");
                continue;
            }
            try {
                secrets.put(secret, content(Path.of(file.get().trim())));
            } catch (IOException | RuntimeException e) {
                errors.add("setting '" + fileKey + "': " + file.get().trim() + " " + why(e) + "; expected a readable file of at most "
                        + MAX_BYTES + " bytes holding the secret");
            }
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return secrets;
    }

    private static String content(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("is no file");
        if (Files.size(file) > MAX_BYTES) throw new IOException("is larger than a secret");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // Files written by echo or an editor end in a line break that is no part of the password.
        String secret = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) throw new IOException("is empty");
        return secret;
    }

    private static String why(Exception e) {
        return e instanceof IOException io && io.getMessage() != null && !io.getMessage().contains("/")
                ? io.getMessage() : "cannot be read";
    }
}
