package no.budstikke.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.testing.OutboxRows;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;

/**
 * A hub database for the tests of the console's read models: notices written by the notice store and
 * moved through their states by the outbox store, on a clock the test sets.
 */
final class ReadModelRows implements AutoCloseable {

    static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

    final TestClock clock = new TestClock(T0);
    final Database db;
    final Transactions transactions;
    final NoticeStore notices;
    final OutboxStore outbox;
    final OutboxRows rows;
    private final String event;

    ReadModelRows(TestDatabases.Kind kind, Path dir) throws SQLException {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        notices = new NoticeStore(transactions, clock, new NoticeDocument("test"));
        outbox = new OutboxStore(transactions);
        rows = new OutboxRows(db.dataSource(), clock, transactions, notices);
        event = rows.event("read-models");
    }

    /** Sets the clock to T0 plus {@code offset}. */
    void at(Duration offset) {
        clock.set(T0.plus(offset));
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static OffsetDateTime t(Duration offset) {
        return T0.plus(offset).atOffset(ZoneOffset.UTC);
    }

    String eventKey() {
        return event;
    }

    /** An HTTP notice created now, of the one event. */
    String notice(String duty, String officeId, Priority priority) {
        return rows.notice(event, duty, officeId, priority);
    }

    /** A notice created now with a legal basis and withheld fields of its own. */
    String notice(String duty, String officeId, String legalBasis, List<String> removedFields) {
        Office office = new Office(officeId, Role.POLICE_DISTRICT, officeId, Channel.HTTP, "https://" + officeId + ".example/",
                new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
        Notice n = new Notice(duty, false, "kind", Priority.HIGH, office, "follow-up", legalBasis,
                JsonNodeFactory.instance.objectNode(), removedFields, List.of());
        return transactions.inTransaction(tx -> notices.insert(tx, event, JsonNodeFactory.instance.objectNode(), n));
    }

    /** What an attempt ends in; false if the attempt no longer held its notice. */
    interface Outcome {
        boolean end(OutboxStore outbox, ClaimedNotice c, OffsetDateTime now);
    }

    static Outcome delivered(String receipt) {
        return (outbox, c, now) -> outbox.delivered(c.noticeId(), c.attempt(), receipt, now);
    }

    static Outcome retry(String failure, Duration after) {
        return (outbox, c, now) -> outbox.failed(c.noticeId(), c.attempt(), failure, Optional.of(now.plus(after)), now);
    }

    static Outcome dead(String failure) {
        return (outbox, c, now) -> outbox.failed(c.noticeId(), c.attempt(), failure, Optional.empty(), now);
    }

    /** Claimed and left SENDING. */
    static Outcome held() {
        return (outbox, c, now) -> true;
    }

    /** Claims every due notice now and ends each attempt as {@code outcomes} says; every claimed notice must be named. */
    void send(Map<String, Outcome> outcomes) {
        OffsetDateTime now = now();
        List<ClaimedNotice> claimed = outbox.claim(100, now, now.plusMinutes(1));
        if (claimed.size() != outcomes.size()) {
            throw new IllegalStateException("claimed " + claimed.size() + " notices, expected " + outcomes.size());
        }
        for (ClaimedNotice c : claimed) {
            Outcome o = outcomes.get(c.noticeId());
            if (o == null) throw new IllegalStateException("claimed a notice the test did not expect: " + c);
            if (!o.end(outbox, c, now)) throw new IllegalStateException("the attempt lost its notice: " + c);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
