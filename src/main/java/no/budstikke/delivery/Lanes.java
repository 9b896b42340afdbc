package no.budstikke.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.model.Priority;
import no.budstikke.store.OutboxDue;

/**
 * Which due notices this instance's senders can take now. Of {@code senders}, {@code urgentOnly} are
 * kept for URGENT notices, so that an URGENT notice finds a free sender however many routine ones
 * are being sent. No office holds more than {@code perOffice} senders, so that a slow or hanging
 * office slows only its own notices; an URGENT notice may take one more, so that it never waits
 * behind the office's routine notices either.
 */
public final class Lanes {

    private final int senders;
    private final int urgentOnly;
    private final int perOffice;
    private int sending;
    private int routine;
    private final Map<String, Integer> byOffice = new HashMap<>();

    public Lanes(int senders, int urgentOnly, int perOffice) {
        if (senders < 1 || urgentOnly < 0 || urgentOnly >= senders || perOffice < 1) {
            throw new IllegalArgumentException("delivery lanes need senders >= 1, 0 <= URGENT-only senders < senders, and per office >= 1");
        }
        this.senders = senders;
        this.urgentOnly = urgentOnly;
        this.perOffice = perOffice;
    }

    /** How many senders are free now. */
    public synchronized int free() {
        return Math.max(0, senders - sending);
    }

    /** The offices that may take no more routine notices now: their notices are passed over by the claim, URGENT ones aside. */
    public synchronized Set<String> busyOffices() {
        Set<String> busy = new TreeSet<>();
        byOffice.forEach((office, n) -> {
            if (n >= perOffice) busy.add(office);
        });
        return busy;
    }

    /**
     * The ids of the notices, from {@code due} in claim order, that free senders can take now, without
     * taking them: the caller starts each it claimed ({@link #start}).
     */
    public synchronized List<String> pick(List<OutboxDue> due) {
        List<String> picked = new ArrayList<>();
        int all = sending;
        int routineNow = routine;
        Map<String, Integer> offices = new HashMap<>(byOffice);
        for (OutboxDue d : due) {
            boolean urgent = d.priority() == Priority.URGENT;
            if (all >= senders) break;
            if (!urgent && routineNow >= senders - urgentOnly) continue;
            int office = offices.getOrDefault(d.officeId(), 0);
            if (office >= perOffice + (urgent ? 1 : 0)) continue;
            picked.add(d.noticeId());
            all++;
            if (!urgent) routineNow++;
            offices.put(d.officeId(), office + 1);
        }
        return picked;
    }

    /** A sender takes a notice to the office. */
    public synchronized void start(String officeId, Priority priority) {
        sending++;
        if (priority != Priority.URGENT) routine++;
        byOffice.merge(officeId, 1, Integer::sum);
    }

    /** The sender is done with a notice to the office, whatever came of it. */
    public synchronized void finish(String officeId, Priority priority) {
        sending--;
        if (priority != Priority.URGENT) routine--;
        byOffice.computeIfPresent(officeId, (o, n) -> n > 1 ? n - 1 : null);
    }

    /** How many senders the office holds now. */
    public synchronized int sending(String officeId) {
        return byOffice.getOrDefault(officeId, 0);
    }

    /** How many senders are busy now. */
    public synchronized int sending() {
        return sending;
    }
}
