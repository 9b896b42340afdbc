package no.budstikke.camel;

import java.util.regex.Pattern;
import no.budstikke.intake.InboxFolders;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * What the file drop reads: {@code *.json} in the inbox and in its bound folders, and nothing
 * else, so done/, rejected/ and any folder without a binding are never read.
 */
public final class InboxFilter<T> implements GenericFileFilter<T> {

    /** Hidden files are skipped: a writer may use a dot-name while writing. */
    private static final Pattern EVENT_FILE = Pattern.compile("[^.].*\\.json");

    private final InboxFolders folders;

    public InboxFilter(InboxFolders folders) {
        this.folders = folders;
    }

    @Override
    public boolean accept(GenericFile<T> file) {
        String relative = file.getRelativeFilePath().replace('\\', '/');
        if (file.isDirectory()) return folders.isFolder(relative);
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "" : relative.substring(0, slash);
        return EVENT_FILE.matcher(relative.substring(slash + 1)).matches() && (parent.isEmpty() || folders.isFolder(parent));
    }
}
