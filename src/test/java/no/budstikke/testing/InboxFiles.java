package no.budstikke.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Writes to the file-drop inbox as a sender should, and waits for what the hub makes of a file. */
public final class InboxFiles {

    private InboxFiles() {
    }

    /** Under a .part name first, then renamed in one step, so the hub never reads half a file. */
    public static void drop(Path inbox, String name, byte[] content) throws IOException {
        Path target = inbox.resolve(name);
        Files.createDirectories(target.getParent());
        Path part = inbox.resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file at {@code relative} under the inbox, once the hub has put it there. */
    public static Path awaitFile(Path inbox, String relative, Duration within) {
        Path p = inbox.resolve(relative);
        await().atMost(within).until(() -> Files.exists(p));
        return p;
    }
}
