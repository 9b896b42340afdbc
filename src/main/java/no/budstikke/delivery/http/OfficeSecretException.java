package no.budstikke.delivery.http;

/** An office's credential that cannot be had. The message names the office and the setting, never the secret. */
public final class OfficeSecretException extends RuntimeException {

    public OfficeSecretException(String officeId, String setting, String reason) {
        super("office '" + officeId + "': setting '" + setting + "' " + reason);
    }
}
