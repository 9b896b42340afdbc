package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The console's sessions, keyed by the SHA-256 of the id the browser holds, and the notes people
 * write when they acknowledge a task. Whether a session is still alive is decided by the caller;
 * this store only keeps and purges rows.
 */
public final class ConsoleSessions {

    private final Transactions transactions;

    public ConsoleSessions(Transactions transactions) {
        this.transactions = transactions;
    }

    /** One stored session; {@code roles} comma-separated, as written. */
    public record Row(String idSha256, String person, String roles, String csrfToken, OffsetDateTime createdAt,
                      OffsetDateTime lastSeenAt) {
        @Override
        public String toString() {
            return "ConsoleSession[" + createdAt + "]"; // neither the person nor the token
        }
    }

    /** A task's note: free text, shown in the console, never logged. */
    public record Note(String noticeId, String person, String note, OffsetDateTime writtenAt) {
    }

    public void open(String idSha256, String person, String roles, String csrfToken, OffsetDateTime now) {
        transactions.inTransaction(tx -> tx.attach(ConsoleSessionSql.class).insert(idSha256, person, roles, csrfToken, now));
    }

    public Optional<Row> find(String idSha256) {
        return transactions.read(tx -> tx.attach(ConsoleSessionSql.class).find(idSha256));
    }

    public void touch(String idSha256, OffsetDateTime now) {
        transactions.inTransaction(tx -> tx.attach(ConsoleSessionSql.class).touch(idSha256, now));
    }

    public void close(String idSha256) {
        transactions.inTransaction(tx -> tx.attach(ConsoleSessionSql.class).delete(idSha256));
    }

    /** Deletes the sessions idle since before {@code idleBefore} or opened before {@code createdBefore}; how many. */
    public int purge(OffsetDateTime idleBefore, OffsetDateTime createdBefore) {
        return transactions.inTransaction(tx -> tx.attach(ConsoleSessionSql.class).purge(idleBefore, createdBefore));
    }

    public void note(String noticeId, String person, String note, OffsetDateTime at) {
        transactions.inTransaction(tx -> tx.attach(ConsoleSessionSql.class).insertNote(noticeId, person, note, at));
    }

    public List<Note> notes(List<String> noticeIds) {
        if (noticeIds.isEmpty()) return List.of();
        return transactions.read(tx -> tx.attach(ConsoleSessionSql.class).notes(noticeIds));
    }
}
