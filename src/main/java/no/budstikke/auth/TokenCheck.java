package no.budstikke.auth;

/**
 * Checks a bearer token that has a JWT's form, such as a Maskinporten access token. Declared here,
 * beside the callers it answers for, so that {@link Callers} takes tokens without knowing their issuer.
 */
public interface TokenCheck {

    /** Far above a real access token; bounds the work a forged one can cause. */
    int MAX_TOKEN_CHARS = 16 * 1024;

    /** @param token the compact JWT from the Authorization header */
    Authentication authenticate(String token);
}
