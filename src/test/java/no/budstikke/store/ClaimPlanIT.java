package no.budstikke.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim reads the due notices through ix_notice_queue in claim order, on both databases, with a
 * delivered history many times the due backlog: the plans of the statements as OutboxSql holds them.
 * The figures for a million rows are in docs/claim-plans.md (bench.ClaimPlans).
 */
class ClaimPlanIT {

    private static final int DELIVERED = 20_000;
    private static final int DUE = 1_000;
    private static final String NOW = "TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00'";
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theDueNoticesAreReadThroughTheClaimOrderIndexNotByScanningTheTable(Kind kind) throws Exception {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 2);
        try (Connection c = db.dataSource().getConnection()) {
            fill(c, kind);

            String plan = explain(c, statement("dueIds").replace(":max", "100"));

            if (kind == Kind.POSTGRES) {
                assertThat(plan).doesNotContain("Seq Scan").doesNotContain("Bitmap Heap Scan");
                assertThat(count(plan, "Index Scan using ix_notice_queue")).as(plan).isEqualTo(3);
            } else {
                assertThat(plan).doesNotContain("tableScan");
                assertThat(count(plan, "ix_notice_queue: status =")).as(plan).isEqualTo(3);
                assertThat(count(plan, "/* index sorted */")).as("each status read in claim order, not sorted: " + plan).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyTheCandidatesAreLockedThroughThePrimaryKey(Kind kind) throws Exception {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 2);
        try (Connection c = db.dataSource().getConnection()) {
            fill(c, kind);
            String candidates = List.of(DELIVERED + 1, DELIVERED + 2, DELIVERED + 3).stream()
                    .map(i -> "'" + id(i) + "'").collect(Collectors.joining(", "));

            String plan = explain(c, statement("lockDue").replace("<candidates>", candidates).replace(":max", "100"));

            if (kind == Kind.POSTGRES) {
                assertThat(plan).doesNotContain("Seq Scan").contains("notice_pkey");
            } else {
                assertThat(plan).doesNotContain("tableScan").containsIgnoringCase("primary_key");
            }
        }
    }

    /** The SQL of an OutboxSql method, with the statuses and the time written in. */
    private static String statement(String method) {
        Method m = Arrays.stream(OutboxSql.class.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        return m.getAnnotation(SqlQuery.class).value().replace("<busy>", "''")
                .replace(":created", "'CREATED'").replace(":failed", "'FAILED'").replace(":sending", "'SENDING'").replace(":now", NOW);
    }

    private static String explain(Connection c, String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) lines.add(rs.getString(1));
        }
        return String.join("\n", lines);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static String id(int i) {
        return String.format("n%010d", i);
    }

    /** A delivered history and, newer, a due backlog, one in a hundred URGENT; then fresh statistics. */
    private static void fill(Connection c, Kind kind) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES ('plan-event', 'urn:test', 'e1', 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', NULL, 'x', '{}',
                        'DISPATCHED', ?)""")) {
            for (int i = 1; i <= 3; i++) ps.setObject(i, START);
            ps.executeUpdate();
        }
        String series = kind == Kind.POSTGRES ? "generate_series(1, ?) AS g(x)" : "SYSTEM_RANGE(1, ?) AS g(x)";
        String at = kind == Kind.POSTGRES ? "CAST(? AS TIMESTAMP WITH TIME ZONE) + g.x * INTERVAL '1 second'"
                : "DATEADD(SECOND, g.x, CAST(? AS TIMESTAMP WITH TIME ZONE))";
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, channel,
                                    address, purpose, legal_basis, content, removed_fields, flags, status, created_at,
                                    status_changed_at, next_attempt_at)
                SELECT 'n' || LPAD(CAST(g.x AS VARCHAR(12)), 10, '0'), 'plan-event', 'O1', FALSE, 'kind',
                       CASE WHEN MOD(g.x, 100) = 0 THEN 'URGENT' ELSE 'NORMAL' END, CASE WHEN MOD(g.x, 100) = 0 THEN 0 ELSE 2 END,
                       'POLICE_DISTRICT', 'office', 'HTTP', 'https://office.example/', 'purpose', 'basis', '{}', '[]', '[]',
                       CASE WHEN g.x <= ? THEN 'DELIVERED' ELSE 'CREATED' END, %1$s, %1$s, CASE WHEN g.x <= ? THEN NULL ELSE %1$s END
                FROM %2$s""".formatted(at, series))) {
            ps.setInt(1, DELIVERED);
            ps.setObject(2, START);
            ps.setObject(3, START);
            ps.setInt(4, DELIVERED);
            ps.setObject(5, START);
            ps.setInt(6, DELIVERED + DUE);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRES ? "ANALYZE notice" : "ANALYZE");
        }
    }
}
