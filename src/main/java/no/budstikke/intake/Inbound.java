package no.budstikke.intake;

import java.util.function.Predicate;

/**
 * One input as it arrived on a channel.
 *
 * @param channel    {@code http}, {@code file} or {@code sql}
 * @param origin     who or what delivered it: a credential name, a file name, a DUF queue row
 * @param mayPublish whether the sender may send events with a given {@code source}
 */
public record Inbound(String channel, String origin, byte[] body, InputForm form, Predicate<String> mayPublish) {

    public static Predicate<String> anySource() {
        return source -> true;
    }
}
