package no.budstikke.intake;

import java.util.function.Predicate;

/**
 * One input as it arrived on a channel.
 *
 * @param channel    {@code http}, {@code file}, {@code sql}, or {@code schedule} for the hub's own events
 * @param origin     who or what delivered it: a credential name, a file name, a DUF queue row
 * @param mayPublish whether the sender may send events with a given {@code source}
 */
public record Inbound(String channel, String origin, byte[] body, InputForm form, Predicate<String> mayPublish) {

    /** The sources of the events the hub makes itself (its schedules); no sender may use them. */
    public static final String HUB_SOURCES = "urn:no:budstikke:";

    /** Any source, the hub's own included: for the hub's own events only. */
    public static Predicate<String> anySource() {
        return source -> true;
    }

    /** Any sender's source, but not the hub's own: for channels without a credential of their own (the file drop). */
    public static Predicate<String> anySenderSource() {
        return source -> !source.startsWith(HUB_SOURCES);
    }
}
