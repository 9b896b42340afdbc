package no.budstikke.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * TLS on the hub's own listener (intake and ops API), read and checked from {@code budstikke.tls.*}:
 * the listener's key and certificate chain, from a PKCS12 keystore or from PEM files, the protocols
 * it speaks (TLS 1.2 and 1.3 only), and whether it asks clients for certificates and which
 * authorities it trusts for them. Every file is opened at start, so a missing file, a wrong password
 * or a key that does not belong to its certificate stops the start, naming the setting.
 *
 * @param keyStore    the listener's key and chain, under {@link #KEY_ALIAS}
 * @param keyPassword the password of that entry: made at start, in memory only, never the file's own
 * @param trustStore  the authorities client certificates are checked against; empty without client certificates
 */
public record ListenerTls(KeyStore keyStore, char[] keyPassword, Optional<KeyStore> trustStore, ClientAuth clientAuth,
                          Set<String> protocols) {

    public static final String KEYSTORE = "budstikke.tls.keystore.file";
    public static final String KEYSTORE_PASSWORD = "budstikke.tls.keystore.password";
    public static final String CERTIFICATE = "budstikke.tls.certificate-file";
    public static final String PRIVATE_KEY = "budstikke.tls.private-key-file";
    public static final String PROTOCOLS = "budstikke.tls.protocols";
    public static final String CLIENT_AUTH = "budstikke.tls.client-auth";
    public static final String TRUSTSTORE = "budstikke.tls.truststore.file";
    public static final String TRUSTSTORE_PASSWORD = "budstikke.tls.truststore.password";
    /** Both allowed protocols unless fewer are chosen. */
    static final Setting<String> PROTOCOL_LIST = Setting.text(PROTOCOLS, "TLSv1.2,TLSv1.3");

    /** The only protocols the listener may speak: older ones have known weaknesses and are refused. */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    static final String KEY_ALIAS = "listener";
    
    public ListenerTls {
        protocols = Collections.unmodifiableSet(new LinkedHashSet<>(protocols));
    }

    /** Whether TLS is asked for at all: a key is given as a keystore or as PEM files. */
    public static boolean configured(HubSettings settings) {
        return settings.optional(KEYSTORE).isPresent() || settings.optional(CERTIFICATE).isPresent()
                || settings.optional(PRIVATE_KEY).isPresent();
    }

    /**
     * The listener's TLS, or empty for plain HTTP.
     *
     * @throws ConfigException naming each setting that cannot be used, and what it expects
     */
    public static Optional<ListenerTls> from(HubSettings settings) {
        List<String> errors = new ArrayList<>();
        Set<String> protocols = protocols(settings, errors);
        ClientAuth clientAuth = settings.optional(CLIENT_AUTH).map(v -> ClientAuth.parse(v).orElseGet(() -> {
            errors.add("setting '" + CLIENT_AUTH + "': '" + v + "' is not known; expected none, request or require");
            return ClientAuth.NONE;
        })).orElse(ClientAuth.NONE);
        if (!configured(settings)) {
            for (String key : List.of(CLIENT_AUTH, TRUSTSTORE, PROTOCOLS)) {
                if (settings.optional(key).isPresent()) {
                    errors.add("setting '" + key + "': TLS is off, since neither " + KEYSTORE + " nor " + CERTIFICATE
                            + " is set; expected those first, or '" + key + "' removed");
                }
            }
            if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
            return Optional.empty();
        }
        char[] password = settings.optional(KEYSTORE_PASSWORD).orElse("").toCharArray();
        char[] inMemory = KeyFiles.inMemoryPassword();
        KeyStore keyStore = settings.optional(KEYSTORE).isPresent() ? fromKeystore(settings, password, inMemory, errors)
                : fromPem(settings, inMemory, errors);
        Optional<KeyStore> trustStore = trustStore(settings, clientAuth, errors);
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return Optional.of(new ListenerTls(keyStore, inMemory, trustStore, clientAuth, protocols));
    }

    private static Set<String> protocols(HubSettings settings, List<String> errors) {
        Set<String> protocols = new LinkedHashSet<>();
        String given = PROTOCOL_LIST.in(settings);
        for (String raw : given.split(",")) {
            String p = raw.trim();
            if (ALLOWED_PROTOCOLS.contains(p)) {
                protocols.add(p);
            } else {
                errors.add("setting '" + PROTOCOLS + "': '" + p + "' is refused; expected TLSv1.2 and/or TLSv1.3, separated by commas");
            }
        }
        return protocols;
    }

    private static KeyStore fromKeystore(HubSettings settings, char[] password, char[] inMemory, List<String> errors) {
        for (String pem : List.of(CERTIFICATE, PRIVATE_KEY)) {
            if (settings.optional(pem).isPresent()) {
                errors.add("setting '" + pem + "': " + KEYSTORE + " is given too; expected the key either as a PKCS12 keystore or as PEM files");
            }
        }
        Path file = Path.of(settings.required(KEYSTORE));
        KeyStore loaded;
        try {
            loaded = KeyFiles.pkcs12(file, password);
        } catch (KeyFiles.UnreadableFile e) {
            errors.add("setting '" + KEYSTORE + "': " + file + " " + e.getMessage() + "; expected a PKCS12 keystore (.p12)");
            return null;
        } catch (KeyFiles.WrongPassword e) {
            errors.add("setting '" + KEYSTORE_PASSWORD + "': it does not open " + file
                    + "; expected the keystore's password (from BUDSTIKKE_TLS_KEYSTORE_PASSWORD or " + KEYSTORE_PASSWORD + "-file)");
            return null;
        }
        try {
            List<String> withKeys = new ArrayList<>();
            for (String alias : Collections.list(loaded.aliases())) {
                if (loaded.isKeyEntry(alias)) withKeys.add(alias);
            }
            if (withKeys.size() != 1) {
                errors.add("setting '" + KEYSTORE + "': " + file + " holds " + withKeys.size()
                        + " private keys; expected exactly one, with its certificate chain");
                return null;
            }
            Key key = loaded.getKey(withKeys.get(0), password);
            Certificate[] chain = loaded.getCertificateChain(withKeys.get(0));
            return KeyFiles.single((PrivateKey) key, chain, inMemory);
        } catch (UnrecoverableKeyException e) {
            errors.add("setting '" + KEYSTORE_PASSWORD + "': it opens " + file + " but not the private key in it; expected the key "
                    + "to have the keystore's password");
        } catch (GeneralSecurityException e) {
            errors.add("setting '" + KEYSTORE + "': " + file + " cannot be used (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    private static KeyStore fromPem(HubSettings settings, char[] inMemory, List<String> errors) {
        Optional<String> certificateFile = settings.optional(CERTIFICATE);
        Optional<String> keyFile = settings.optional(PRIVATE_KEY);
        if (certificateFile.isEmpty()) {
            errors.add("setting '" + CERTIFICATE + "': " + PRIVATE_KEY + " is given without its certificate; expected a PEM file "
                    + "with the listener's certificate first and the intermediate certificates after it");
        }
        if (keyFile.isEmpty()) {
            errors.add("setting '" + PRIVATE_KEY + "': " + CERTIFICATE + " is given without its private key; expected a PEM file "
                    + "with the key (BEGIN PRIVATE KEY)");
        }
        if (certificateFile.isEmpty() || keyFile.isEmpty()) return null;
        List<X509Certificate> chain = null;
        PrivateKey key = null;
        try {
            chain = PemFiles.certificates(KeyFiles.text(Path.of(certificateFile.get())));
            if (chain.isEmpty()) {
                errors.add("setting '" + CERTIFICATE + "': " + certificateFile.get() + " holds no certificate; expected PEM "
                        + "blocks BEGIN CERTIFICATE, the listener's own first");
                chain = null;
            }
        } catch (KeyFiles.UnreadableFile e) {
            errors.add("setting '" + CERTIFICATE + "': " + certificateFile.get() + " " + e.getMessage() + "; expected a PEM file");
        } catch (GeneralSecurityException e) {
            errors.add("setting '" + CERTIFICATE + "': " + certificateFile.get() + " holds a certificate that cannot be read; "
                    + "expected PEM blocks BEGIN CERTIFICATE");
        }
        try {
            key = PemFiles.privateKey(KeyFiles.text(Path.of(keyFile.get())));
        } catch (KeyFiles.UnreadableFile e) {
            errors.add("setting '" + PRIVATE_KEY + "': " + keyFile.get() + " " + e.getMessage() + "; expected a PEM file");
        } catch (GeneralSecurityException e) {
            errors.add("setting '" + PRIVATE_KEY + "': " + keyFile.get() + " " + e.getMessage());
        }
        if (chain == null || key == null) return null;
        if (!KeyFiles.belongTogether(key, chain.get(0))) {
            errors.add("setting '" + PRIVATE_KEY + "': " + keyFile.get() + " is not the key of the first certificate in "
                    + certificateFile.get() + "; expected the listener's own key and certificate");
            return null;
        }
        try {
            return KeyFiles.single(key, chain.toArray(Certificate[]::new), inMemory);
        } catch (GeneralSecurityException e) {
            errors.add("setting '" + CERTIFICATE + "': the key and certificates cannot be used together (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static Optional<KeyStore> trustStore(HubSettings settings, ClientAuth clientAuth, List<String> errors) {
        Optional<String> file = settings.optional(TRUSTSTORE);
        if (clientAuth == ClientAuth.NONE) {
            if (file.isPresent()) {
                errors.add("setting '" + TRUSTSTORE + "': it is read only for client certificates; expected " + CLIENT_AUTH
                        + " = request or require, or '" + TRUSTSTORE + "' removed");
            }
            return Optional.empty();
        }
        if (file.isEmpty()) {
            errors.add("setting '" + TRUSTSTORE + "': " + CLIENT_AUTH + " asks for client certificates but no authority is trusted "
                    + "to issue them; expected a PEM file of CA certificates or a PKCS12 truststore");
            return Optional.empty();
        }
        Path path = Path.of(file.get());
        try {
            String content = KeyFiles.text(path);
            if (content.contains("-----BEGIN CERTIFICATE-----")) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate c : PemFiles.certificates(content)) trust.setCertificateEntry("ca-" + i++, c);
                return Optional.of(trust);
            }
            char[] password = settings.optional(TRUSTSTORE_PASSWORD).map(String::toCharArray).orElse(null);
            KeyStore trust = KeyFiles.pkcs12(path, password);
            if (trust.size() == 0) {
                errors.add("setting '" + TRUSTSTORE + "': " + path + " holds no certificate; expected the authorities that issue client certificates");
            }
            return Optional.of(trust);
        } catch (KeyFiles.UnreadableFile e) {
            errors.add("setting '" + TRUSTSTORE + "': " + path + " " + e.getMessage() + "; expected a PEM file of CA certificates or a PKCS12 truststore");
        } catch (KeyFiles.WrongPassword e) {
            errors.add("setting '" + TRUSTSTORE_PASSWORD + "': it does not open " + path + "; expected the truststore's password");
        } catch (GeneralSecurityException | IOException e) {
            errors.add("setting '" + TRUSTSTORE + "': " + path + " cannot be read (" + e.getClass().getSimpleName()
                    + "); expected a PEM file of CA certificates or a PKCS12 truststore");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ListenerTls[" + protocols + ", client certificates " + clientAuth + "]";
    }
}
