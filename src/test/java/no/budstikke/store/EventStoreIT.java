package no.budstikke.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.budstikke.store.EventStore.Insert;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Received events on both databases: stored once, refused values survived, held for ops and claimed for dispatch. */
class EventStoreIT {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-03-02T10:00:00+01:00");

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-03-02T09:30:00Z");
    private Database db;
    private Transactions transactions;
    private EventStore events;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        events = new EventStore(transactions, clock);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEventIsStoredOnceAndARepeatIsToldFromAConflictingOne(Kind kind) {
        open(kind);
        NewEvent first = event("e1", "{\"a\":1}", "sha-1");

        assertThat(insert(first)).isEqualTo(Insert.STORED);
        assertThat(insert(first)).isEqualTo(Insert.DUPLICATE);
        assertThat(insert(event("e1", "{\"a\":2}", "sha-2"))).isEqualTo(Insert.CONFLICTING_DUPLICATE);

        assertThat(events.count()).isEqualTo(1);
        EventStatus status = events.status(first.key()).orElseThrow();
        assertThat(status.key()).isEqualTo(first.key());
        assertThat(status.source()).isEqualTo("urn:test");
        assertThat(status.id()).isEqualTo("e1");
        assertThat(status.type()).isEqualTo("t");
        assertThat(status.channel()).isEqualTo("http");
        assertThat(status.status()).isEqualTo(EventState.RECEIVED);
        assertThat(status.receivedAt().toInstant()).isEqualTo(clock.instant());
        assertThat(status.statusChangedAt().toInstant()).isEqualTo(clock.instant());
        assertThat(events.status("no-such-key")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEventTheDatabaseRefusesLeavesTheTransactionUsableForTheRestOfTheInput(Kind kind) {
        open(kind);
        NewEvent tooLong = new NewEvent(key("bad"), "urn:test", "bad", "t".repeat(101), TIME, "http", "test", null, "{}", "sha");
        NewEvent good = event("good", "{}", "sha");

        List<Insert> results = transactions.inTransaction(tx -> List.of(events.insert(tx, tooLong), events.insert(tx, good),
                events.insert(tx, tooLong)));

        assertThat(results).containsExactly(Insert.UNSTORABLE, Insert.STORED, Insert.UNSTORABLE);
        assertThat(events.status(good.key())).isPresent();
        assertThat(events.status(tooLong.key())).isEmpty();
        assertThat(events.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOriginLongerThanItsColumnIsCutNotRefused(Kind kind) {
        open(kind);
        NewEvent e = new NewEvent(key("long"), "urn:test", "long", "t", TIME, "file", "f".repeat(300) + ".json", null, "{}", "sha");

        assertThat(insert(e)).isEqualTo(Insert.STORED);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aHeldEventMovesOnceAndOnlyWhileHeld(Kind kind) {
        open(kind);
        HeldEvents held = new HeldEvents(clock);
        NewEvent e = event("h1", "{}", "sha");
        insert(e);
        transactions.inTransaction(tx -> {
            held.hold(tx, e.key(), "centre a about a resident of centre b ".repeat(10));
            return null;
        });
        assertThat(events.status(e.key()).orElseThrow().status()).isEqualTo(EventState.HELD);

        assertThat(review(held, e.key(), EventState.RELEASED)).isEqualTo(HeldEvents.Review.DONE);
        assertThat(events.status(e.key()).orElseThrow().status()).isEqualTo(EventState.RELEASED);
        assertThat(review(held, e.key(), EventState.REJECTED)).isEqualTo(HeldEvents.Review.NOT_HELD);
        assertThat(review(held, "no-such-key", EventState.REJECTED)).isEqualTo(HeldEvents.Review.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dispatchTakesReceivedAndReleasedEventsOldestFirstAndSkipsOneAnotherInstanceHolds(Kind kind) throws Exception {
        open(kind);
        DispatchQueue queue = new DispatchQueue(transactions, clock);
        NewEvent a = event("a", "{\"a\":1}", "sha");
        NewEvent b = event("b", "{}", "sha");
        NewEvent c = event("c", "{}", "sha");
        insert(a);
        insert(b);
        insert(c);
        queue.markFailed(b.key());

        assertThat(queue.pending(10)).containsExactly(a.key(), c.key());
        assertThat(queue.pending(1)).containsExactly(a.key());

        boolean skipped = transactions.inTransaction(tx -> {
            DispatchQueue.StoredEvent claimed = queue.claim(tx, a.key()).orElseThrow();
            assertThat(claimed.payload()).isEqualTo("{\"a\":1}");
            assertThat(claimed.eventTime().toInstant()).isEqualTo(TIME.toInstant());
            assertThat(claimed.status()).isEqualTo(EventState.RECEIVED);
            // Another instance, on a connection of its own, while this one holds the row.
            Optional<DispatchQueue.StoredEvent> other = CompletableFuture
                    .supplyAsync(() -> transactions.inTransaction(tx2 -> queue.claim(tx2, a.key()))).orTimeout(30, TimeUnit.SECONDS).join();
            queue.markDispatched(tx, a.key());
            return other.isEmpty();
        });

        assertThat(skipped).isTrue();
        assertThat(queue.pending(10)).containsExactly(c.key());
        Optional<DispatchQueue.StoredEvent> again = transactions.inTransaction(tx -> queue.claim(tx, a.key()));
        assertThat(again).isEmpty();
        assertThat(transactions.read(tx -> queue.event(tx, a.key())).orElseThrow().status()).isEqualTo(EventState.DISPATCHED);
        assertThat(events.status(b.key()).orElseThrow().status()).isEqualTo(EventState.DISPATCH_FAILED);
    }

    private HeldEvents.Review review(HeldEvents held, String key, EventState verdict) {
        return transactions.inTransaction(tx -> held.review(tx, key, verdict, "ops"));
    }

    private Insert insert(NewEvent e) {
        return transactions.inTransaction(tx -> events.insert(tx, e));
    }

    private static NewEvent event(String id, String payload, String sha) {
        return new NewEvent(key(id), "urn:test", id, "t", TIME, "http", "test", null, payload, sha);
    }

    private static String key(String id) {
        return String.format("%-32s", id).replace(' ', '0');
    }
}
