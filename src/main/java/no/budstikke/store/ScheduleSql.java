package no.budstikke.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link Schedules}: reads only. */
interface ScheduleSql {

    /** A case file row as stored; {@code state} is personal data. */
    record CaseRow(String dufNumber, LocalDate eighteenOn, OffsetDateTime awaitingSettlementSince, String lastEventKey,
                   OffsetDateTime lastEventTime, String state, OffsetDateTime lastUpdateToImdi) {
    }

    @SqlQuery("""
            SELECT duf_number, eighteen_on, awaiting_settlement_since, last_event_key, last_event_time, state,
                   CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_update_to_imdi
            FROM case_file WHERE eighteen_on BETWEEN :from AND :to ORDER BY duf_number""")
    @RegisterConstructorMapper(CaseRow.class)
    List<CaseRow> turningEighteenBetween(LocalDate from, LocalDate to);

    @SqlQuery("""
            SELECT f.duf_number, f.eighteen_on, f.awaiting_settlement_since, f.last_event_key, f.last_event_time, f.state,
                   (SELECT MAX(e.event_time) FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                    WHERE n.duf_number = f.duf_number AND n.duty = 'O30' AND n.role = 'IMDI' AND n.status <> :cancelled
                      AND e.type = 'no.udi.mot.mapping.updated.v1' AND e.event_time >= f.awaiting_settlement_since)
                   AS last_update_to_imdi
            FROM case_file f WHERE f.awaiting_settlement_since <= :atMost ORDER BY f.duf_number""")
    @RegisterConstructorMapper(CaseRow.class)
    List<CaseRow> awaitingSettlementSince(OffsetDateTime atMost, NoticeStatus cancelled);

    @SqlQuery("SELECT 1 FROM inbound_event WHERE event_key = :eventKey")
    Optional<Integer> stored(String eventKey);

    @SqlQuery("SELECT payload FROM inbound_event WHERE event_key = :eventKey")
    Optional<String> payload(String eventKey);
}
