package no.budstikke.intake;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.budstikke.auth.CentreSource;
import no.budstikke.contract.ContractValidator;
import no.budstikke.contract.Violation;
import no.budstikke.intake.EventOutcome.Outcome;
import no.budstikke.store.EventStore;
import no.budstikke.store.Transactions;
import no.budstikke.store.NewEvent;
import no.budstikke.store.QuarantineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates an input and stores each of its events exactly once, or quarantines it with the
 * reason. Everything an input yields is written in one transaction, so the answer a channel
 * gives (202, done/) is only given after the commit.
 */
public final class IntakeService {

    public static final String FORBIDDEN_SOURCE = "FORBIDDEN_SOURCE";
    public static final String FORBIDDEN_CENTRE = "FORBIDDEN_CENTRE";
    /** Where a centre names itself in an event. */
    public static final String CENTRE_POINTER = "/data/centre/id";

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    static final String TOO_LARGE = "TOO_LARGE";
    static final String UNSTORABLE_WHY = "the event holds a value the hub's database cannot store (a text longer than the "
            + "hub keeps for that field, or the like); correct the event and send it again";

    private final EventParser parser;
    private final ContractValidator validator;
    private final Transactions transactions;
    private final EventStore events;
    private final QuarantineStore quarantine;
    private final QuarantineBudget budget;

    public IntakeService(EventParser parser, ContractValidator validator, Transactions transactions, EventStore events, QuarantineStore quarantine,
                         QuarantineBudget budget) {
        this.parser = parser;
        this.validator = validator;
        this.transactions = transactions;
        this.events = events;
        this.quarantine = quarantine;
        this.budget = budget;
    }

    public IntakeReport accept(Inbound in) {
        EventParser.ParsedInput parsed = parser.parse(in.body(), in.form());
        if (parsed.failure().isPresent()) {
            List<Violation> why = List.of(new Violation(parsed.failurePointer(), parsed.failure().get()));
            byte[] body = in.body() == null ? new byte[0] : in.body();
            return unreadable(in.channel(), in.origin(), parsed.tooLarge() ? TOO_LARGE : "UNREADABLE", why, body, body.length);
        }
        List<Judged> judged = new ArrayList<>();
        for (int i = 0; i < parsed.events().size(); i++) {
            judged.add(judge(in, parsed.events().get(i), i, parsed.batch()));
        }
        IntakeReport report = IntakeReport.of(parsed.batch(), transactions.inTransaction(c -> {
            List<EventOutcome> outcomes = new ArrayList<>(judged.size());
            for (Judged j : judged) {
                if (j.outcome() == null) {
                    Outcome o = switch (events.insert(c, j.event())) {
                        case STORED -> Outcome.STORED;
                        case DUPLICATE -> Outcome.DUPLICATE;
                        case CONFLICTING_DUPLICATE -> {
                            // Same (source, id), different content: the first one stands, as the contract says.
                            LOG.warn("intake channel={} event key={} repeated with different content; the stored one stands",
                                    in.channel(), j.event().key());
                            yield Outcome.DUPLICATE;
                        }
                        case UNSTORABLE -> null;
                    };
                    if (o != null) {
                        outcomes.add(new EventOutcome(j.index(), o, j.event().key(), List.of(), null));
                    } else {
                        List<Violation> why = List.of(new Violation(j.pointer(), UNSTORABLE_WHY));
                        Long id = keep(c, in.channel(), in.origin(), "UNSTORABLE", why, j.raw(), j.raw().length);
                        outcomes.add(new EventOutcome(j.index(), Outcome.REJECTED, null, why, id));
                    }
                } else {
                    Long id = keep(c, in.channel(), in.origin(), j.reason(), j.violations(), j.raw(), j.raw().length);
                    outcomes.add(new EventOutcome(j.index(), j.outcome(), null, j.violations(), id));
                }
            }
            return outcomes;
        }));
        log(in, report);
        return report;
    }

    /**
     * Refuses an input of {@code size} bytes, too large to be read at all, of which only
     * {@code head} was read (the file drop reads no further than the limit).
     */
    public IntakeReport tooLarge(String channel, String origin, byte[] head, long size) {
        List<Violation> why = List.of(new Violation("", EventParser.tooLargeBody(size, parser.limits().maxBytes())));
        return unreadable(channel, origin, TOO_LARGE, why, head, size);
    }

    public IntakeLimits limits() {
        return parser.limits();
    }

    private IntakeReport unreadable(String channel, String origin, String reason, List<Violation> why, byte[] raw, long size) {
        Long id = transactions.inTransaction(c -> keep(c, channel, origin, reason, why, raw, size));
        if (id != null) LOG.warn("intake channel={} input refused as {} quarantined id={}", channel, reason, id);
        return IntakeReport.unreadable(why, id, reason.equals(TOO_LARGE));
    }

    /**
     * Quarantines an input refused before it was read as events (an unsupported media type).
     * Null when the sender is over its quarantine cap.
     */
    public Long refuse(String channel, String origin, byte[] body, String reason, String why) {
        byte[] raw = body == null ? new byte[0] : body;
        Long id = transactions.inTransaction(c -> keep(c, channel, origin, reason, List.of(new Violation("", why)), raw, raw.length));
        if (id != null) LOG.warn("intake channel={} input refused as {} quarantined id={}", channel, reason, id);
        return id;
    }

    /**
     * Quarantines a rejected input unless its sender is over the cap for this minute; then the
     * first one over writes a summary row and one log line, and the rest are answered but not
     * kept. The quarantine id, or null when nothing was kept of this input.
     */
    private Long keep(Transaction c, String channel, String origin, String reason, List<Violation> why, byte[] raw, long size) {
        return switch (budget.take(QuarantineBudget.sender(channel, origin))) {
            case KEEP -> quarantine.insert(c, channel, origin, reason, why, raw, size);
            case SUMMARY -> {
                String capped = "more than " + budget.perMinute() + " rejected inputs from this sender this minute ("
                        + QuarantineSettings.MAX_PER_SENDER_PER_MINUTE + "); the rest of this minute's are answered but not kept";
                long id = quarantine.insert(c, channel, origin, "QUARANTINE_CAP", List.of(new Violation("", capped)), new byte[0], 0);
                LOG.warn("intake channel={} sender over the quarantine cap of {} a minute: summary quarantined id={}, "
                        + "further rejected inputs this minute are not kept or logged", channel, budget.perMinute(), id);
                yield null;
            }
            case DROP -> null;
        };
    }

    /** Validation and permission for one event; {@code outcome == null} means it may be stored. */
    private Judged judge(Inbound in, JsonNode node, int index, boolean batch) {
        byte[] raw = batch ? parser.bytes(node) : in.body();
        String prefix = batch ? "/" + index : "";
        List<Violation> violations = validator.validateEvent(node).stream()
                .map(v -> new Violation(prefix + v.pointer(), v.message()))
                .toList();
        if (!violations.isEmpty()) return new Judged(index, prefix, Outcome.REJECTED, "CONTRACT_VIOLATION", violations, raw, null);
        String source = node.get("source").asText();
        if (!in.mayPublish().test(source)) {
            return new Judged(index, prefix, Outcome.FORBIDDEN, FORBIDDEN_SOURCE,
                    List.of(new Violation(prefix + "/source", "this sender may not send events for this source: it is not among "
                            + "the sources bound to its credential (api-keys.json) or to its inbox folder")), raw, null);
        }
        // A centre speaks only for itself: the centre it names must be the one its source (and so its key) is bound to.
        Optional<String> sender = CentreSource.centreOf(source);
        if (sender.isPresent() && !sender.get().equals(node.path("data").path("centre").path("id").asText())) {
            return new Judged(index, prefix, Outcome.FORBIDDEN, FORBIDDEN_CENTRE, List.of(new Violation(prefix + CENTRE_POINTER,
                    "a centre may send events only about its own residents: expected the id of the event's source, "
                            + sender.get())), raw, null);
        }
        return new Judged(index, prefix, null, null, List.of(), raw, toNewEvent(in, node));
    }

    private NewEvent toNewEvent(Inbound in, JsonNode node) {
        String source = node.get("source").asText();
        String id = node.get("id").asText();
        byte[] canonical = parser.bytes(node);
        JsonNode duf = node.path("data").path("person").path("dufNumber");
        return new NewEvent(EventKey.of(source, id), source, id, node.get("type").asText(),
                // RFC 3339 allows a lower-case 't' and 'z'; java.time does not.
                OffsetDateTime.parse(node.get("time").asText().toUpperCase(Locale.ROOT)),
                in.channel(), in.origin(), duf.isTextual() ? duf.asText() : null,
                new String(canonical, StandardCharsets.UTF_8), EventKey.sha256Hex(canonical));
    }

    private static void log(Inbound in, IntakeReport r) {
        LOG.info("intake channel={} events={} stored={} duplicate={} rejected={} forbidden={}", in.channel(), r.events().size(),
                r.count(Outcome.STORED), r.count(Outcome.DUPLICATE), r.count(Outcome.REJECTED), r.count(Outcome.FORBIDDEN));
        for (EventOutcome e : r.events()) {
            if (!e.outcome().accepted() && e.quarantineId() != null) {
                // No pointers: an unknown property's pointer carries the sender's own field name, which
                // may be personal data. Ops read the pointers from the quarantine entry.
                LOG.warn("intake channel={} event #{} {} quarantined id={} violations={}", in.channel(), e.index(), e.outcome(),
                        e.quarantineId(), e.violations().size());
            }
        }
    }

    /** {@code pointer}: the event's own, "/3" in a batch, "" for a single event. */
    private record Judged(int index, String pointer, Outcome outcome, String reason, List<Violation> violations, byte[] raw, NewEvent event) {
    }
}
