package no.budstikke.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import no.budstikke.dispatch.Conditions;
import no.budstikke.model.CaseState;
import no.budstikke.model.Deadline.Closing;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.WatchedNotice;

/**
 * The decisions of deadline tracking, as plain functions of the configuration, the events, the
 * watched notices and the time: which deadlines an event starts, whether an event closes a running
 * one, and what a running one's next step is. No database and no clock: callers pass both in.
 */
public final class DeadlineRules {

    /** Where a per-region deadline reads the municipality whose UDI region it runs for (the AMOT municipality of D6). */
    public static final String REGION_MUNICIPALITY = "/data/municipalityNumber";

    private final DeadlineClock clock;
    private final Supplier<Conditions> conditions;
    private final Supplier<Directory> directory;

    public DeadlineRules(DeadlineClock clock, Conditions conditions, Directory directory) {
        this(clock, () -> Objects.requireNonNull(conditions, "conditions"), () -> Objects.requireNonNull(directory, "directory"));
    }

    /** @param directory the directory now loaded: a config reload may replace it */
    public DeadlineRules(DeadlineClock clock, Supplier<Directory> directory) {
        this(clock, () -> new Conditions(directory.get()), directory);
    }

    private DeadlineRules(DeadlineClock clock, Supplier<Conditions> conditions, Supplier<Directory> directory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.conditions = conditions;
        this.directory = directory;
    }

    /**
     * A deadline to start.
     *
     * @param openKey what makes it the only running one of its kind: the deadline and its event, its
     *                case (hashed: the key is not personal data) or its region
     */
    public record Start(Deadline deadline, DeadlineClock.Times times, String openKey, String dufNumber, String udiRegion) {
    }

    /** What an event starts, and why a deadline it should start could not be (no personal data in the reasons). */
    public record Starts(List<Start> started, List<String> skipped) {
    }

    /**
     * The deadlines {@code event} starts: those whose {@code starts.on} has its type and whose
     * {@code starts.when} holds for the event and the case as the event found it. They run from the
     * event's time, when the thing happened, not from when the hub heard of it.
     */
    public Starts starts(List<Deadline> candidates, String eventKey, JsonNode event, String dufNumber, Instant eventTime,
                         CaseState facts) {
        List<Start> started = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String type = event.path("type").asText();
        for (Deadline d : candidates) {
            if (!d.startsOn().contains(type) || !conditions.get().holds(d.startsWhen().orElse(null), event, facts)) continue;
            LocalDate date = null;
            if (d.limit() instanceof Deadline.Limit.BeforeDate b) {
                Optional<LocalDate> found = DeadlineClock.date(d, event);
                if (found.isEmpty()) {
                    skipped.add(d.id() + ": the event has no date at " + b.pointer());
                    continue;
                }
                date = found.get();
            }
            DeadlineClock.Times times = clock.compute(d, eventTime, date);
            switch (d.per()) {
                case EVENT -> started.add(new Start(d, times, d.id() + ":e:" + eventKey, dufNumber, null));
                case CASE -> {
                    if (dufNumber == null) skipped.add(d.id() + ": the event names no case");
                    else started.add(new Start(d, times, d.id() + ":c:" + hash(dufNumber), dufNumber, null));
                }
                case UDI_REGION -> {
                    Optional<String> region = udiRegion(event);
                    if (region.isEmpty()) {
                        skipped.add(d.id() + ": the municipality at " + REGION_MUNICIPALITY + " is not in the directory");
                    } else {
                        started.add(new Start(d, times, d.id() + ":r:" + region.get(), null, region.get()));
                    }
                }
            }
        }
        return new Starts(List.copyOf(started), List.copyOf(skipped));
    }

    /** The open key of the next round of a run: the same as the run's first. */
    public static String openKey(Deadline d, DeadlineRun run) {
        return switch (d.per()) {
            case EVENT -> d.id() + ":e:" + run.eventKey();
            case CASE -> d.id() + ":c:" + hash(run.dufNumber());
            case UDI_REGION -> d.id() + ":r:" + run.udiRegion();
        };
    }

    /** Whether {@code closing} closes the deadline {@code start} started: its type, and equal values at every sameAs pointer. */
    public static boolean closes(Deadline d, JsonNode start, JsonNode closing) {
        if (!(d.closes() instanceof Closing.EventArrives e) || !e.type().equals(closing.path("type").asText())) return false;
        for (String pointer : e.sameAs()) {
            JsonNode a = start.at(pointer);
            if (a.isMissingNode() || a.isNull() || !a.equals(closing.at(pointer))) return false;
        }
        return true;
    }

    /**
     * When the watched notices met a {@code delivered} closing: {@code all}, the last delivery once
     * every notice is delivered; {@code any}, the first delivery. Cancelled notices do not count. No
     * notices at all (the recipient could not be resolved) never meets it: nobody was told.
     */
    public static Optional<Instant> metAt(Closing.Delivered closing, List<WatchedNotice> notices) {
        List<WatchedNotice> counted = notices.stream().filter(n -> n.status() != NoticeStatus.CANCELLED).toList();
        List<Instant> delivered = counted.stream().filter(n -> n.status() == NoticeStatus.DELIVERED && n.deliveredAt() != null)
                .map(WatchedNotice::deliveredAt).toList();
        if (delivered.isEmpty()) return Optional.empty();
        if (!closing.all()) return delivered.stream().min(Comparator.naturalOrder());
        return delivered.size() == counted.size() ? delivered.stream().max(Comparator.naturalOrder()) : Optional.empty();
    }

    /** The next step of a running deadline. */
    public sealed interface Step {
        /** Nothing to do yet. */
        record Wait() implements Step {
        }

        /** Past its at-risk point, not met, not yet alerted: raise the alert. */
        record AtRisk() implements Step {
        }

        /** Closed in time, at {@code at}. */
        record Met(Instant at) implements Step {
        }

        /** The limit passed; {@code metLateAt} is when it was met after all, if it was. */
        record Breached(Optional<Instant> metLateAt) implements Step {
        }
    }

    /**
     * What to do with a running deadline at {@code now}, given its watched notices (for a
     * {@code delivered} closing) or the closing event recorded on it. Met in time wins over at risk;
     * a closing after the due time is a breach; once due, at risk is never raised after the fact.
     */
    public static Step step(Deadline d, DeadlineRun run, Instant now, List<WatchedNotice> notices) {
        Optional<Instant> met = d.closes() instanceof Closing.Delivered delivered ? metAt(delivered, notices)
                : Optional.ofNullable(run.closedAt());
        if (met.isPresent() && !met.get().isAfter(now)) {
            if (!met.get().isAfter(run.dueAt())) return new Step.Met(met.get());
            return new Step.Breached(met);
        }
        if (!now.isBefore(run.dueAt())) return new Step.Breached(Optional.empty());
        if (!now.isBefore(run.atRiskAt()) && run.atRiskAlertedAt() == null) return new Step.AtRisk();
        return new Step.Wait();
    }

    /**
     * The next round of a repeating deadline, from the moment the last one closed or lapsed; empty
     * when it does not repeat (or its limit needs a date from an event, which a repeat has not got).
     */
    public Optional<DeadlineClock.Times> repeat(Deadline d, Instant from) {
        if (d.repeats().isEmpty() || d.limit() instanceof Deadline.Limit.BeforeDate) return Optional.empty();
        return Optional.of(clock.compute(d, from));
    }

    /** The UDI region of the municipality the event names at {@value #REGION_MUNICIPALITY}. */
    public Optional<String> udiRegion(JsonNode event) {
        JsonNode number = event.at(REGION_MUNICIPALITY);
        if (!number.isTextual()) return Optional.empty();
        return directory.get().municipality(number.asText()).map(Municipality::udiRegion);
    }

    /** The offices whose notices count for a region: those that serve it as a UDI region. */
    public List<String> regionOffices(String region) {
        return directory.get().offices().stream().filter(o -> o.serves().udiRegions().contains(region)).map(o -> o.id()).toList();
    }

    private static String hash(String dufNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dufNumber.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
