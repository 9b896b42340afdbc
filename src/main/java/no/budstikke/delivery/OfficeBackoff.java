package no.budstikke.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offices this instance cannot reach, kept in memory per instance. The first failure to
 * reach an office (see {@link Failure#office()}) puts it in back-off: its notices are not sent,
 * and one probe (its most urgent, oldest notice) is tried after {@code probeStart}, then after
 * twice as long each time, up to {@code probeCap}. After {@code downAfter} failures in a row the
 * office is shown as down; it is still probed at the cap. Any answer from the office (a delivery,
 * or a failure of one notice) ends the back-off, and its waiting notices go at once.
 */
public final class OfficeBackoff {

    /** What ops see of an office; the order is the worse-is-later order health and metrics use. */
    public enum State { RECEIVING, BACKING_OFF, DOWN }

    private static final class Office {
        Instant since;
        int failures;
        Duration interval;
        Instant nextProbe;
        boolean probing;
        Instant probeSent;
    }

    /** A probe whose outcome never came (its sender died) is given up after this, and another sent. */
    private static final Duration PROBE_LOST = Duration.ofMinutes(2);

    private final Clock clock;
    private final Duration probeStart;
    private final Duration probeCap;
    private final int downAfter;
    private final Map<String, Office> offices = new TreeMap<>();

    public OfficeBackoff(Clock clock, Duration probeStart, Duration probeCap, int downAfter) {
        if (probeStart.isNegative() || probeStart.isZero() || probeCap.compareTo(probeStart) < 0 || downAfter < 1) {
            throw new IllegalArgumentException("office back-off needs 0 < probe start <= probe cap and down-after >= 1");
        }
        this.clock = clock;
        this.probeStart = probeStart;
        this.probeCap = probeCap;
        this.downAfter = downAfter;
    }

    /** True while the office's notices must wait for its probe. */
    public synchronized boolean holds(String officeId) {
        return offices.containsKey(officeId);
    }

    /**
     * The offices whose probe is due now, each marked as probing until its outcome is known
     * ({@link #unreachable} or {@link #reached}), so that only one probe per office is in flight.
     */
    public synchronized List<String> probesDue() {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        offices.forEach((id, o) -> {
            boolean lost = o.probing && now.isAfter(o.probeSent.plus(PROBE_LOST));
            if ((!o.probing || lost) && !now.isBefore(o.nextProbe)) {
                o.probing = true;
                o.probeSent = now;
                due.add(id);
            }
        });
        return due;
    }

    /** The probe found nothing to send: the office is forgotten, and its next notice is sent as usual. */
    public synchronized void nothingToProbe(String officeId) {
        offices.remove(officeId);
    }

    /** The office could not be reached: back-off starts, or, after a probe, the next one waits twice as long. */
    public synchronized void unreachable(String officeId) {
        Instant now = clock.instant();
        Office o = offices.get(officeId);
        if (o == null) {
            o = new Office();
            o.since = now;
            o.interval = probeStart;
            offices.put(officeId, o);
        } else if (o.probing) {
            o.interval = min(o.interval.multipliedBy(2), probeCap);
        }
        o.failures++;
        o.probing = false;
        o.nextProbe = now.plus(o.interval);
    }

    /** The office answered: back-off ends. True if it was backing off, so its waiting notices are to go now. */
    public synchronized boolean reached(String officeId) {
        return offices.remove(officeId) != null;
    }

    /**
     * How long a notice that was claimed but not sent, for its office is backing off, is put back:
     * as long as the office has been away so far (at least the probe cap, at most {@code max}), so
     * that a long outage costs few claims, and a notice still goes within about twice the outage
     * if this instance, and what it knows, is lost. A successful probe releases it sooner.
     */
    public synchronized Duration hold(String officeId, Duration max) {
        Office o = offices.get(officeId);
        Duration away = o == null ? Duration.ZERO : Duration.between(o.since, clock.instant());
        return min(max(away, probeCap), max);
    }

    public synchronized State state(String officeId) {
        Office o = offices.get(officeId);
        if (o == null) return State.RECEIVING;
        return o.failures >= downAfter ? State.DOWN : State.BACKING_OFF;
    }

    /** Every office not receiving, by id. */
    public synchronized Map<String, State> states() {
        Map<String, State> out = new TreeMap<>();
        offices.keySet().forEach(id -> out.put(id, state(id)));
        return out;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
