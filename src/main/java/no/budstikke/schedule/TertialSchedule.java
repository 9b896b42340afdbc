package no.budstikke.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;
import no.budstikke.model.Rfc3339;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the hub's own {@code tertial-due} event when a tertial starts, so that the O39 report goes
 * out even when DUF sends none. The event goes through the normal intake under a fixed source and
 * id ({@code tertial-due-<period>}): intake stores an event once per (source, id), so that unique
 * key is the claim. Every instance and every restart may try; one event is stored per period.
 */
public final class TertialSchedule {

    public static final String SOURCE = "urn:no:budstikke:schedule";
    public static final String TYPE = "no.udi.duf.amot.tertial-due.v1";
    /** Tertials are Norwegian calendar thirds. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    /** The longest offset that is inside every tertial: January–April has 120 days in a common year. */
    static final int MAX_DAY_OFFSET = 119;

    private static final Logger LOG = LoggerFactory.getLogger(TertialSchedule.class);

    private final IntakeService intake;
    private final Clock clock;
    private final ZoneId zone;
    private final int dayOffset;
    /** The last period this instance saw stored; spares intake a repeat on every tick. */
    private volatile Tertial done;

    /** @param dayOffset days after the tertial's first day (0: at its first midnight) */
    public TertialSchedule(IntakeService intake, Clock clock, ZoneId zone, int dayOffset) {
        if (dayOffset < 0 || dayOffset > MAX_DAY_OFFSET) {
            throw new ConfigException("setting 'budstikke.schedule.tertial.day-offset' must be 0 to " + MAX_DAY_OFFSET
                    + " (days into the tertial), got " + dayOffset);
        }
        this.intake = intake;
        this.clock = clock;
        this.zone = zone;
        this.dayOffset = dayOffset;
    }

    /** When the report of a tertial is due: its first day plus the offset, at midnight in the zone. */
    public Instant due(Tertial t) {
        return t.firstDay().plusDays(dayOffset).atStartOfDay(zone).toInstant();
    }

    /** Stores the current tertial's event once it is due; returns the period when this call stored it. */
    public Optional<String> tick() {
        Instant now = clock.instant();
        Tertial current = Tertial.containing(now, zone);
        if (current.equals(done) || now.isBefore(due(current))) return Optional.empty();
        IntakeReport report = intake.accept(new Inbound("schedule", "budstikke-schedule", event(current), InputForm.SINGLE,
                Inbound.anySource()));
        EventOutcome outcome = report.events().isEmpty() ? null : report.events().get(0);
        if (outcome == null || !outcome.outcome().accepted()) {
            // Our own event breaking the contract is a defect: say so on every tick until it is fixed.
            throw new IllegalStateException("the hub's tertial-due event for " + current + " was refused by intake"
                    + (report.quarantineId() != null ? " (quarantine id " + report.quarantineId() + ")"
                    : outcome != null && outcome.quarantineId() != null ? " (quarantine id " + outcome.quarantineId() + ")" : ""));
        }
        done = current;
        if (outcome.outcome() != EventOutcome.Outcome.STORED) return Optional.empty();
        LOG.info("schedule tertial-due period={} stored key={}", current, outcome.key());
        return Optional.of(current.toString());
    }

    /** The same bytes on every instance: the time is when the period became due, not when it was noticed. */
    byte[] event(Tertial t) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("specversion", "1.0");
        e.put("id", "tertial-due-" + t);
        e.put("source", SOURCE);
        e.put("type", TYPE);
        e.put("time", Rfc3339.format(due(t).atZone(zone).toOffsetDateTime()));
        e.put("datacontenttype", "application/json");
        e.putObject("data").put("period", t.toString());
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }
}
