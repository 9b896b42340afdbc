package no.budstikke.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link CaseFiles}. The DUF number is always a bound parameter. */
interface CaseFileSql {

    /** A stored event of a case; {@code payload} is personal data. */
    record EventRow(String dufNumber, String eventKey, String type, OffsetDateTime eventTime, long seq, String payload) {
    }

    /** A stored notice under one of the journal's duties: the office it told, and the event it hangs on. */
    record NoticeRow(String dufNumber, String eventKey, String duty, String role, String officeId, String officeName, String channel,
                     String address) {
    }

    /** A case file row as written; {@code state} is the whole case file as JSON. */
    record FileRow(String dufNumber, LocalDate birthDate, LocalDate eighteenOn, OffsetDateTime awaitingSettlementSince,
                   String lastCentreId, String lastEventKey, OffsetDateTime lastEventTime, String state, OffsetDateTime updatedAt) {
    }

    record AgreementRow(String dufNumber, String agreementId, String municipalityNumber, OffsetDateTime signedAt, String eventKey) {
    }

    record StateRow(String state, OffsetDateTime updatedAt) {
    }

    @SqlQuery("SELECT duf_number FROM case_file WHERE duf_number = :dufNumber FOR UPDATE")
    List<String> lock(String dufNumber);

    @SqlQuery("""
            SELECT duf_number, event_key, type, event_time, seq, payload FROM inbound_event
            WHERE duf_number = :dufNumber AND (status = :dispatched OR event_key = :eventKey)""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> eventsWith(String dufNumber, String eventKey, EventState dispatched);

    @SqlQuery("""
            SELECT duf_number, event_key, type, event_time, seq, payload FROM inbound_event
            WHERE duf_number IN (<dufNumbers>) AND status = :dispatched AND seq <= :upToSeq ORDER BY seq""")
    @RegisterConstructorMapper(EventRow.class)
    List<EventRow> dispatchedEvents(@BindList("dufNumbers") List<String> dufNumbers, long upToSeq, EventState dispatched);

    @SqlQuery("""
            SELECT duf_number, event_key, duty, role, office_id, office_name, channel, address FROM notice
            WHERE duf_number IN (<dufNumbers>) AND duty IN (<duties>) AND status <> :cancelled ORDER BY created_at, notice_id""")
    @RegisterConstructorMapper(NoticeRow.class)
    List<NoticeRow> notices(@BindList("dufNumbers") List<String> dufNumbers, @BindList("duties") List<String> duties,
                            NoticeStatus cancelled);

    @SqlQuery("SELECT 1 FROM notice WHERE duf_number = :dufNumber AND duty = :duty AND status <> :cancelled LIMIT 1")
    Optional<Integer> anyNotice(String dufNumber, String duty, NoticeStatus cancelled);

    @SqlUpdate("""
            UPDATE case_file SET birth_date = :birthDate, eighteen_on = :eighteenOn, awaiting_settlement_since = :awaitingSettlementSince,
                   last_centre_id = :lastCentreId, last_event_key = :lastEventKey, last_event_time = :lastEventTime, state = :state,
                   updated_at = :updatedAt WHERE duf_number = :dufNumber""")
    int update(@BindMethods FileRow file);

    @SqlUpdate("""
            INSERT INTO case_file (birth_date, eighteen_on, awaiting_settlement_since, last_centre_id, last_event_key,
                                   last_event_time, state, updated_at, duf_number)
            VALUES (:birthDate, :eighteenOn, :awaitingSettlementSince, :lastCentreId, :lastEventKey,
                    :lastEventTime, :state, :updatedAt, :dufNumber)
            ON CONFLICT DO NOTHING""")
    int insert(@BindMethods FileRow file);

    @SqlUpdate("DELETE FROM case_agreement WHERE duf_number = :dufNumber")
    int deleteAgreements(String dufNumber);

    @SqlUpdate("""
            INSERT INTO case_agreement (duf_number, agreement_id, municipality_number, signed_at, event_key)
            VALUES (:dufNumber, :agreementId, :municipalityNumber, :signedAt, :eventKey)""")
    int insertAgreement(@BindMethods AgreementRow agreement);

    @SqlQuery("SELECT state, updated_at FROM case_file WHERE duf_number = :dufNumber")
    @RegisterConstructorMapper(StateRow.class)
    Optional<StateRow> state(String dufNumber);
}
