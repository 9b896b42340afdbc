package no.budstikke.reload;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import no.budstikke.delivery.mail.MailTemplates;
import no.budstikke.dispatch.Dispatcher;

/**
 * The config the hub runs now. A dispatch takes {@link #current()} once and decides the whole event
 * with it, so a reload that swaps the version meanwhile is seen by the next event, never by half of
 * one.
 */
public final class LiveConfig {

    /** One loaded version: its hash and what was built from it. */
    public record Version(String hash, Dispatcher dispatcher, MailTemplates templates, Instant loadedAt) {
        public Version {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(dispatcher, "dispatcher");
            Objects.requireNonNull(templates, "templates");
        }
    }

    private final AtomicReference<Version> current;

    public LiveConfig(Version first) {
        this.current = new AtomicReference<>(first);
    }

    public Version current() {
        return current.get();
    }

    /** Puts {@code next} in place; returns the version it replaced. */
    Version swap(Version next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
