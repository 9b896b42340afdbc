package no.budstikke.delivery;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded default's stand-in for every office: one folder per office under the sandbox
 * folder, each notice as {@code <notice-id>.json} with its attachments next to it as
 * {@code <notice-id>-<name>} (as over SFTP), and a mail notice also as the {@code .eml} the office
 * would have received. Files appear whole (written, then renamed).
 */
public final class Sandbox {

    /** Writes the e-mail a mail office would get; supplied by the mail channel. */
    @FunctionalInterface
    public interface EmlWriter {
        void write(Delivery delivery, OutputStream out) throws Exception;
    }

    private final Path root;
    private final EmlWriter eml;

    public Sandbox(Path root, EmlWriter eml) {
        this.root = root;
        this.eml = eml;
    }

    /** Returns the receipt: where the notice was put, relative to the sandbox. */
    public String write(Delivery d) throws Exception {
        Path folder = root.resolve(safe(d.officeId()));
        Files.createDirectories(folder);
        // As over SFTP: attachments first, then the notice.
        for (NoticeFiles.File f : NoticeFiles.of(d)) {
            writeAtomically(folder.resolve(f.name()), out -> out.write(f.content().getBytes(StandardCharsets.UTF_8)));
        }
        if (d.channel() == no.budstikke.model.Channel.MAIL && eml != null) {
            writeAtomically(folder.resolve(d.noticeId() + ".eml"), out -> eml.write(d, out));
        }
        return "sandbox " + root.relativize(folder.resolve(d.noticeId() + ".json"));
    }

    private interface Body {
        void write(OutputStream out) throws Exception;
    }

    private static void writeAtomically(Path target, Body body) throws Exception {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            body.write(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Office ids of contacts named in events hold a ':'; keep folder names portable. */
    static String safe(String officeId) {
        String s = officeId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.startsWith(".")) throw new IllegalArgumentException("unusable office id for a folder");
        return s;
    }
}
