package no.budstikke.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Run in a child JVM by {@link CrashDurabilityIT}: commits events one transaction at a time, as
 * intake does before it answers 202, then dies at once, as a killed process would.
 */
public final class CommitThenHalt {

    private CommitThenHalt() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Database db = Database.open("", null, null, dir, 2);
        Transactions transactions = new Transactions(db.dataSource());
        EventStore events = new EventStore(transactions, Clock.systemUTC());
        for (int i = 0; i < n; i++) {
            String id = "e-" + i;
            NewEvent e = new NewEvent(String.format("%032x", i), "urn:test", id, "t", OffsetDateTime.now(), "http", "test",
                    null, "{}", "x");
            transactions.inTransaction(c -> events.insert(c, e));
        }
        System.out.println("committed " + n);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
