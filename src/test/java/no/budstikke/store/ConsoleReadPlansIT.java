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
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's office overview and its search by status read indexes, not the whole notice table, on
 * both databases, with a delivered history many times the backlog: the plans of the statements as
 * OfficeOverviewSql and NoticeSearchSql hold them.
 */
class ConsoleReadPlansIT {

    private static final int DELIVERED = 20_000;
    private static final int WAITING = 500;
    private static final int DEAD = 50;
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** One hour before the last delivery: the last 3,600 of the delivered history count as recent. */
    private static final String SINCE = "TIMESTAMP WITH TIME ZONE '2026-01-01 04:33:20+00'";

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theOfficeOverviewReadsTheWaitingAndDeadThroughTheQueueIndexAndRecentDeliveriesThroughTheirOwn(Kind kind) throws Exception {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 2);
        try (Connection c = db.dataSource().getConnection()) {
            fill(c, kind);
            String waiting = explain(c, statement(OfficeOverviewSql.class, "waiting").replace("<waiting>", "'CREATED', 'FAILED'"));
            String dead = explain(c, statement(OfficeOverviewSql.class, "dead").replace(":dead", "'DEAD'"));
            String delivered = explain(c, statement(OfficeOverviewSql.class, "deliveredSince").replace(":since", SINCE));

            if (kind == Kind.POSTGRES) {
                for (String plan : List.of(waiting, dead, delivered)) assertThat(plan).doesNotContain("Seq Scan");
                assertThat(waiting).contains("ix_notice_queue");
                assertThat(dead).contains("ix_notice_queue");
                assertThat(delivered).contains("ix_notice_delivered");
            } else {
                for (String plan : List.of(waiting, dead, delivered)) assertThat(plan).doesNotContain("tableScan");
                assertThat(waiting).contains("ix_notice_queue");
                assertThat(dead).contains("ix_notice_queue: status =");
                assertThat(delivered).contains("ix_notice_delivered: delivered_at >=");
            }
            assertThat(count(c, statement(OfficeOverviewSql.class, "deliveredSince").replace(":since", SINCE))).isEqualTo(3_601);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSearchByStatusReadsTheQueueIndex(Kind kind) throws Exception {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 2);
        try (Connection c = db.dataSource().getConnection()) {
            fill(c, kind);
            String plan = explain(c, statement(NoticeSearchSql.class, "search").replace("<statuses>", "'DEAD'").replace("<ranks>", "0, 1, 2")
                    .replace(":anyOffice", "TRUE").replace(":officeId", "''").replace(":anyDuty", "TRUE").replace(":duty", "''")
                    .replace(":from", "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'")
                    .replace(":beforeAt", "TIMESTAMP WITH TIME ZONE '3000-01-01 00:00:00+00'").replace(":beforeId", "''")
                    .replace(":limit", "26"));

            if (kind == Kind.POSTGRES) {
                assertThat(plan).doesNotContain("Seq Scan").contains("ix_notice_queue");
            } else {
                assertThat(plan).doesNotContain("tableScan").contains("ix_notice_queue");
            }
        }
    }

    private static String statement(Class<?> sql, String method) {
        Method m = Arrays.stream(sql.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        return m.getAnnotation(SqlQuery.class).value();
    }

    private static String explain(Connection c, String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) lines.add(rs.getString(1));
        }
        return String.join("\n", lines);
    }

    private static long count(Connection c, String grouped) throws Exception {
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(grouped)) {
            while (rs.next()) n += rs.getLong("notices");
        }
        return n;
    }

    /**
     * A delivered history, one a second from START, to ten offices; then a backlog, one in ten FAILED,
     * and a few dead letters. Then fresh statistics.
     */
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
                                    status_changed_at, next_attempt_at, delivered_at)
                SELECT 'n' || LPAD(CAST(g.x AS VARCHAR(12)), 10, '0'), 'plan-event', 'O1', FALSE, 'kind', 'NORMAL', 2,
                       'POLICE_DISTRICT', 'office-' || CAST(MOD(g.x, 10) AS VARCHAR(2)), 'HTTP', 'https://office.example/',
                       'purpose', 'basis', '{}', '[]', '[]',
                       CASE WHEN g.x <= ? THEN 'DELIVERED' WHEN g.x > ? THEN 'DEAD' WHEN MOD(g.x, 10) = 0 THEN 'FAILED' ELSE 'CREATED' END,
                       %1$s, %1$s, CASE WHEN g.x <= ? THEN NULL ELSE %1$s END, CASE WHEN g.x <= ? THEN %1$s ELSE NULL END
                FROM %2$s""".formatted(at, series))) {
            int i = 1;
            ps.setInt(i++, DELIVERED);
            ps.setInt(i++, DELIVERED + WAITING);
            ps.setObject(i++, START);
            ps.setObject(i++, START);
            ps.setInt(i++, DELIVERED);
            ps.setObject(i++, START);
            ps.setInt(i++, DELIVERED);
            ps.setObject(i++, START);
            ps.setInt(i, DELIVERED + WAITING + DEAD);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRES ? "ANALYZE notice" : "ANALYZE");
        }
    }
}
