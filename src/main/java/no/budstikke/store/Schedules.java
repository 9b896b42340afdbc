package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduled duties read: the case files that may owe a duty, and what the journal says
 * went out. Read only: a schedule writes through intake, like every sender.
 */
public final class Schedules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    public Schedules(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * A case file as the schedules see it. {@code state} is {@code CaseFile.toJson()} (personal
     * data: never logged). {@code lastUpdateToImdi}: the event time of the newest mapping update
     * since the wait began that went to IMDi under O30, or null.
     */
    public record Case(String dufNumber, LocalDate eighteenOn, Instant awaitingSince, String lastEventKey, Instant lastEventTime,
                       JsonNode state, Instant lastUpdateToImdi) {
    }

    /** Case files whose 18th birthday lies between the two days, inclusive. */
    public List<Case> turningEighteenBetween(LocalDate from, LocalDate to) {
        return cases(transactions.read(tx -> tx.attach(ScheduleSql.class).turningEighteenBetween(from, to)));
    }

    /** Case files awaiting settlement since {@code atMost} or earlier, with the last update that went to IMDi. */
    public List<Case> awaitingSettlementSince(Instant atMost) {
        return cases(transactions.read(tx -> tx.attach(ScheduleSql.class)
                .awaitingSettlementSince(atMost.atOffset(ZoneOffset.UTC), NoticeStatus.CANCELLED)));
    }

    /** Whether an event with this key is stored, whatever its status. */
    public boolean stored(String eventKey) {
        return transactions.read(tx -> tx.attach(ScheduleSql.class).stored(eventKey)).isPresent();
    }

    /** The {@code data} of a stored event. */
    public Optional<JsonNode> data(String eventKey) {
        return transactions.read(tx -> tx.attach(ScheduleSql.class).payload(eventKey)).map(p -> read(p).path("data"));
    }

    private static List<Case> cases(List<ScheduleSql.CaseRow> rows) {
        return rows.stream().map(r -> new Case(r.dufNumber(), r.eighteenOn(), instant(r.awaitingSettlementSince()), r.lastEventKey(),
                instant(r.lastEventTime()), read(r.state()), instant(r.lastUpdateToImdi()))).toList();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the hub writes case files and payloads as JSON", e);
        }
    }
}
