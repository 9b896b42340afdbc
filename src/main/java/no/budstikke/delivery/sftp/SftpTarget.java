package no.budstikke.delivery.sftp;

import java.util.List;
import java.util.regex.Pattern;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.NoticeFiles;

/**
 * Where one delivery goes over SFTP: the parts the deliver-sftp route builds its endpoint from,
 * and the file name, {@code <noticeId>.json}. The file name comes from the notice id alone, so a
 * resend writes the same file. A notice with attachments (O39) writes them first, as
 * {@code <noticeId>-<name>} ({@link #files}).
 *
 * @param receipt where the file was written, without the user: safe for logs and the journal
 */
public record SftpTarget(String host, int port, String user, String directory, String fileName, String receipt) {

    // As in schemas/notice/notice-v1.schema.json: nothing that could name another folder.
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{32}");

    /** The files to write, in order: the attachments, then the notice. An unusable attachment cannot be sent, ever. */
    public static List<NoticeFiles.File> files(Delivery delivery) {
        try {
            return NoticeFiles.of(delivery);
        } catch (IllegalArgumentException e) {
            throw new SftpTargetException(e.getMessage());
        }
    }

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
