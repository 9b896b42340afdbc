package no.budstikke.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks API keys against their SHA-256 hashes. Keys are long random strings, so an unsalted
 * hash is enough to keep them out of the config; every stored hash is compared, in constant
 * time, so timing says nothing about which key came close.
 */
public final class ApiKeys {

    /** The documented key of the embedded default profile; a production profile refuses it. */
    public static final String LOCAL_DEV_KEY = "budstikke-local-dev-key";

    private final List<Entry> entries;
    /** Normalised client certificate subjects by credential name; a credential not here needs none. */
    private final Map<String, Set<String>> clientCertificates;

    public record Entry(byte[] sha256, Credential credential) {
    }

    public ApiKeys(List<Entry> entries) {
        this(entries, Map.of());
    }

    /** @param clientCertificates by credential name, the subjects (normalised by {@code CertificateSubject}) it must present one of */
    public ApiKeys(List<Entry> entries, Map<String, Set<String>> clientCertificates) {
        this.entries = List.copyOf(entries);
        this.clientCertificates = Map.copyOf(clientCertificates);
    }

    /** The client certificate subjects {@code caller} must present one of; empty when it needs none. */
    public Set<String> clientCertificates(Credential caller) {
        return clientCertificates.getOrDefault(caller.name(), Set.of());
    }

    /** Whether any entry lists client certificates. */
    public boolean anyClientCertificates() {
        return !clientCertificates.isEmpty();
    }

    /** The caller behind an {@code Authorization: Bearer <key>} header, if the key is known. */
    public Optional<Credential> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) return Optional.empty();
        String header = authorizationHeader.trim();
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        byte[] presented = sha256(header.substring(7).trim());
        Credential found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.sha256(), presented) && found == null) {
                found = e.credential();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The name of every configured credential. */
    public java.util.Set<String> names() {
        return entries.stream().map(e -> e.credential().name()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Names of the credentials that use the documented local key. */
    public List<String> usingLocalDevKey() {
        byte[] dev = sha256(LOCAL_DEV_KEY);
        return entries.stream().filter(e -> MessageDigest.isEqual(e.sha256(), dev)).map(e -> e.credential().name()).toList();
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
