package no.budstikke.model;

/** Where a piece of configuration was read: for error messages that ops can act on. */
public record Source(String file, String pointer, int line) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + " at " + (pointer.isEmpty() ? "/" : pointer);
    }
}
