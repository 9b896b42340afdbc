package no.budstikke.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.budstikke.store.Database;
import no.budstikke.store.OutboxStore;
import no.budstikke.store.Transactions;
import org.flywaydb.core.Flyway;

/**
 * The outbox claim's plans and times on a notice table with a long delivered history and a due
 * backlog, before and after the claim-order index (V23), on H2 and on PostgreSQL: the figures of
 * docs/claim-plans.md. Builds the table with one INSERT ... SELECT from a generated series, so a run
 * takes seconds, not hours.
 *
 * <p>Run (see docs/claim-plans.md): {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * no.budstikke.bench.ClaimPlans [delivered=1000000] [due=50000] [max=100] [runs=20] [databases=h2,postgres]}
 */
public final class ClaimPlans {

    /** The schema before the claim-order index. */
    private static final String BEFORE = "22";
    private static final int SLICE = 50_000;
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** The claim as it was up to V22 (OutboxSql.due): every due row is read, locked and sorted. */
    private static final String OLD_CLAIM = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts + 1 AS attempt, document
            FROM notice
            WHERE channel <> 'TASK'
              AND ((status IN (?, ?) AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    /** OutboxSql.dueIds: the candidates in claim order, without locks. */
    private static final String DUE_IDS = """
            SELECT notice_id FROM (
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = ? AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
                UNION ALL
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = ? AND next_attempt_at <= ? AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
                UNION ALL
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = ? AND lease_until < ? AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
            ) due
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?""";

    /** OutboxSql.lockDue: locks only the candidates, checking again that each is due. */
    private static final String LOCK_DUE = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts + 1 AS attempt, document
            FROM notice
            WHERE notice_id IN (%s)
              AND channel <> 'TASK'
              AND ((status IN (?, ?) AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private ClaimPlans() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("delivered", "1000000");
        defaults.put("due", "50000");
        defaults.put("max", "100");
        defaults.put("runs", "20");
        defaults.put("databases", "h2,postgres");
        defaults.put("dir", "target/bench/claim-plans");
        Map<String, String> s = BenchSupport.settings(defaults, args, null, null);
        Shape shape = new Shape(BenchSupport.positive(s, "delivered"), BenchSupport.positive(s, "due"), BenchSupport.positive(s, "max"),
                BenchSupport.positive(s, "runs"));
        Path runDir = Files.createDirectories(Path.of(s.get("dir")));
        BenchSupport.deleteTree(runDir, null);
        System.out.printf(Locale.ROOT, "claim plans: %,d delivered notices, %,d due (1 in 100 URGENT, the rest NORMAL), claims of %d, "
                + "%d timed claims each%n", shape.delivered, shape.due, shape.max, shape.runs);
        boolean ok = BenchSupport.onEach(List.of(s.get("databases").split(",")), db -> switch (db.trim()) {
            case "h2" -> BenchSupport.onH2(runDir, "h2", "", (label, dir, url) -> run(label, url, Dialect.H2, shape));
            case "postgres" -> BenchSupport.onPostgres(runDir, (label, dir, url) -> run(label, url, Dialect.POSTGRES, shape));
            default -> throw new IllegalArgumentException("unknown database " + db);
        });
        System.exit(ok ? 0 : 1);
    }

    record Shape(int delivered, int due, int max, int runs) {
    }

    /** Where the two databases differ in what the bench itself needs. */
    enum Dialect {
        H2("SYSTEM_RANGE(?, ?) AS g(x)", "DATEADD(SECOND, g.x, CAST(? AS TIMESTAMP WITH TIME ZONE))", "EXPLAIN ANALYZE ", "ANALYZE"),
        POSTGRES("generate_series(?, ?) AS g(x)", "CAST(? AS TIMESTAMP WITH TIME ZONE) + g.x * INTERVAL '1 second'",
                "EXPLAIN (ANALYZE, BUFFERS) ", "ANALYZE notice");

        final String series;
        final String startPlusX;
        final String explain;
        final String analyze;

        Dialect(String series, String startPlusX, String explain, String analyze) {
            this.series = series;
            this.startPlusX = startPlusX;
            this.explain = explain;
            this.analyze = analyze;
        }
    }

    private static boolean run(String label, String url, Dialect dialect, Shape shape) throws Exception {
        System.out.println();
        System.out.println("=== " + label);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target(BEFORE).load().migrate();
        OffsetDateTime now = START.plusSeconds(shape.delivered + shape.due + 60L);
        try (Connection c = DriverManager.getConnection(url)) {
            long t0 = System.nanoTime();
            build(c, dialect, shape);
            System.out.printf(Locale.ROOT, "built and analysed in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            System.out.println();
            System.out.println("--- before (schema V" + BEFORE + ", indexes " + indexes(c) + ")");
            System.out.println(dialect.explain + "<the V22 claim>:");
            explain(c, dialect.explain + OLD_CLAIM, oldParams(now, shape.max));
            Times before = time(c, shape.runs, () -> rows(c, OLD_CLAIM, oldParams(now, shape.max)));
            System.out.println("claim (select and lock " + shape.max + ", rolled back): " + before);

            t0 = System.nanoTime();
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
            System.out.printf(Locale.ROOT, "%nmigrated to the newest schema in %.1f s (builds ix_notice_queue)%n", (System.nanoTime() - t0) / 1e9);
            try (Statement st = c.createStatement()) {
                st.execute(dialect.analyze);
            }

            System.out.println();
            System.out.println("--- after (indexes " + indexes(c) + ")");
            System.out.println(dialect.explain + "<OutboxSql.dueIds>:");
            explain(c, dialect.explain + DUE_IDS, dueParams(now, 2 * shape.max));
            List<String> candidates = ids(c, dueParams(now, 2 * shape.max));
            System.out.println(dialect.explain + "<OutboxSql.lockDue> of those " + candidates.size() + ":");
            explain(c, dialect.explain + lockSql(candidates.size()), lockParams(candidates, now, shape.max));
            Times after = time(c, shape.runs, () -> {
                List<String> ids = ids(c, dueParams(now, 2 * shape.max));
                return rows(c, lockSql(ids.size()), lockParams(ids, now, shape.max));
            });
            System.out.println("claim (select " + 2 * shape.max + " ids, lock " + shape.max + ", rolled back): " + after);
            Times hub = hubClaims(url, now, shape);
            System.out.println("OutboxStore.claim(" + shape.max + ") as the hub runs it (marks SENDING, commits): " + hub);
            return true;
        }
    }

    private static void build(Connection c, Dialect d, Shape shape) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES ('bench-event', 'urn:bench', 'e1', 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'bench', NULL, 'x', '{}',
                        'DISPATCHED', ?)""")) {
            for (int i = 1; i <= 3; i++) ps.setObject(i, START);
            ps.executeUpdate();
        }
        // x = 1 .. delivered: the history; x above it: due, created later, one in a hundred URGENT.
        String insert = """
                INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, channel,
                                    address, purpose, legal_basis, content, removed_fields, flags, status, created_at,
                                    status_changed_at, office_name, document, attempts, next_attempt_at, delivered_at, receipt)
                SELECT 'n' || LPAD(CAST(g.x AS VARCHAR(12)), 10, '0'), 'bench-event', 'O1', FALSE, 'kind',
                       CASE WHEN MOD(g.x, 100) = 0 THEN 'URGENT' ELSE 'NORMAL' END,
                       CASE WHEN MOD(g.x, 100) = 0 THEN 0 ELSE 2 END,
                       'POLICE_DISTRICT', 'office-' || CAST(MOD(g.x, 50) AS VARCHAR(3)), 'HTTP',
                       'https://office.example/', 'purpose', 'basis', '{}', '[]', '[]',
                       CASE WHEN g.x <= ? THEN 'DELIVERED' ELSE 'CREATED' END, %1$s, %1$s, 'Office',
                       '{"notice":"a standardised document of some length, as the channels deliver it"}',
                       CASE WHEN g.x <= ? THEN 1 ELSE 0 END,
                       CASE WHEN g.x <= ? THEN NULL ELSE %1$s END,
                       CASE WHEN g.x <= ? THEN %1$s ELSE NULL END,
                       CASE WHEN g.x <= ? THEN 'HTTP 201' ELSE NULL END
                FROM %2$s""".formatted(d.startPlusX, d.series);
        // In slices: one transaction of a million rows is slow on H2 (its undo log grows with it).
        int total = shape.delivered + shape.due;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (int from = 1; from <= total; from += SLICE) {
                insertSlice(ps, shape, from, Math.min(total, from + SLICE - 1));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute(d.analyze);
        }
    }

    private static void insertSlice(PreparedStatement ps, Shape shape, int from, int to) throws SQLException {
        {
            // parameters in the order they appear
            int i = 1;
            ps.setInt(i++, shape.delivered);
            ps.setObject(i++, START);
            ps.setObject(i++, START);
            ps.setInt(i++, shape.delivered);
            ps.setInt(i++, shape.delivered);
            ps.setObject(i++, START);
            ps.setInt(i++, shape.delivered);
            ps.setObject(i++, START);
            ps.setInt(i++, shape.delivered);
            ps.setInt(i++, from);
            ps.setInt(i, to);
            ps.executeUpdate();
        }
    }

    private static List<Object> oldParams(OffsetDateTime now, int max) {
        return List.of("CREATED", "FAILED", now, "SENDING", now, max);
    }

    private static List<Object> dueParams(OffsetDateTime now, int max) {
        return List.of("CREATED", max, "FAILED", now, max, "SENDING", now, max, max);
    }

    private static String lockSql(int candidates) {
        return LOCK_DUE.formatted(String.join(", ", Collections.nCopies(Math.max(1, candidates), "?")));
    }

    private static List<Object> lockParams(List<String> candidates, OffsetDateTime now, int max) {
        List<Object> p = new ArrayList<>(candidates.isEmpty() ? List.of("none") : candidates);
        p.addAll(List.of("CREATED", "FAILED", now, "SENDING", now, max));
        return p;
    }

    private static String indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "notice", false, false)) {
            while (rs.next()) {
                String n = rs.getString("INDEX_NAME");
                if (n != null && !names.contains(n.toLowerCase(Locale.ROOT))) names.add(n.toLowerCase(Locale.ROOT));
            }
        }
        Collections.sort(names);
        return String.join(", ", names);
    }

    /** Prints the plan; EXPLAIN ANALYZE runs the statement, so it runs in a transaction rolled back. */
    private static void explain(Connection c, String sql, List<Object> params) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                for (String line : rs.getString(1).split("\n")) System.out.println("    " + shortLists(line));
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /**
     * "?1, ?2, ..., ?200" as "?1, ..., ?200" and PostgreSQL's "'{n1,n2,...,n200}'" as "'{n1,...,n200}'":
     * the candidates' list says nothing in its length.
     */
    private static String shortLists(String line) {
        return line.replaceAll("(\\?\\d+), (?:\\?\\d+, )+(\\?\\d+)", "$1, ..., $2")
                .replaceAll("'\\{(n\\d+),(?:n\\d+,)+(n\\d+)}'", "'{$1,...,$2}'");
    }

    private static List<String> ids(Connection c, List<Object> params) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, DUE_IDS, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    private static int rows(Connection c, String sql, List<Object> params) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) n++;
        }
        return n;
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
        return ps;
    }

    @FunctionalInterface
    interface Claim {
        int run() throws Exception;
    }

    /** Times of claims in a transaction each, rolled back so that every claim sees the same table. */
    private static Times time(Connection c, int runs, Claim claim) throws Exception {
        return timed(runs, inTransaction(c, claim));
    }

    private static Times timed(int runs, Claim claim) throws Exception {
        claim.run(); // warm-up: parse, plan, caches
        double[] ms = new double[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            rows = claim.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Times(ms[runs / 2], ms[runs - 1], rows);
    }

    private static Times hubClaims(String url, OffsetDateTime now, Shape shape) throws Exception {
        try (Database db = Database.connect("bench", url, null, null, null, 2)) {
            OutboxStore store = new OutboxStore(new Transactions(db.dataSource()));
            return timed(shape.runs, () -> store.claim(shape.max, now, now.plusMinutes(2)).size());
        }
    }

    record Times(double medianMs, double maxMs, int rows) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %.2f ms, max %.2f ms (%d rows each)", medianMs, maxMs, rows);
        }
    }

    /** Each claim in a transaction of its own, rolled back. */
    private static Claim inTransaction(Connection c, Claim claim) {
        return () -> {
            c.setAutoCommit(false);
            try {
                return claim.run();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        };
    }
}
