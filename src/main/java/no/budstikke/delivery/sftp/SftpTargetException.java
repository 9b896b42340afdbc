package no.budstikke.delivery.sftp;

/**
 * A delivery that cannot be sent over SFTP as it stands (an unusable address or notice id). No
 * retry can help; it needs a fix in the directory or the notice, then a replay.
 */
public final class SftpTargetException extends IllegalArgumentException {

    public SftpTargetException(String message) {
        super(message);
    }
}
