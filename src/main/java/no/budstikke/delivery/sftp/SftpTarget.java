package no.budstikke.delivery.sftp;

import java.util.regex.Pattern;
import no.budstikke.delivery.Delivery;

/**
 * Where one delivery goes over SFTP: the parts the deliver-sftp route builds its endpoint from,
 * and the file name, {@code <noticeId>.json}. The file name comes from the notice id alone, so a
 * resend writes the same file.
 *
 * @param receipt where the file was written, without the user: safe for logs and the journal
 */
public record SftpTarget(String host, int port, String user, String directory, String fileName, String receipt) {

    // As in schemas/notice/notice-v1.schema.json: nothing that could name another folder.
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{32}");

    public static SftpTarget of(Delivery delivery, String defaultUser) {
        if (delivery == null) throw new SftpTargetException("no delivery to send");
        if (delivery.noticeId() == null || !NOTICE_ID.matcher(delivery.noticeId()).matches()) {
            throw new SftpTargetException("the notice id is not 32 lower-case hex digits");
        }
        if (delivery.document() == null || delivery.document().isEmpty()) {
            throw new SftpTargetException("the notice has no document");
        }
        SftpAddress address = SftpAddress.parse(delivery.address());
        String user = address.userOr(defaultUser == null ? "" : defaultUser.trim());
        if (user.isEmpty()) throw new SftpTargetException("the SFTP address names no user and no default user is set");
        if (!SftpAddress.isUserName(user)) throw new SftpTargetException("the default SFTP user name is unusable");
        String fileName = delivery.noticeId() + ".json";
        return new SftpTarget(address.host(), address.port(), user, address.directory(), fileName,
                "sftp://" + address.host() + ":" + address.port() + "/" + address.directory() + "/" + fileName);
    }
}
