package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements that blank personal data in place; see {@link PersonalData}. */
interface PersonalDataSql {

    /** Contacts (a representative, a lawyer) are persons: their name and address go with the case. */
    String CONTACT_NOTICE_BLANKS = """
            UPDATE notice SET content = '{}', document = '{}',
            address = CASE WHEN office_id LIKE 'contact:%' THEN '' ELSE address END,
            office_name = CASE WHEN office_id LIKE 'contact:%' THEN '' ELSE office_name END,
            duf_number = NULL, purged_at = COALESCE(purged_at, :now), purge_reason = :reason
            """;

    String EVENT_BLANKS = "UPDATE inbound_event SET payload = '{}', duf_number = NULL, purged_at = COALESCE(purged_at, :now), purge_reason = :reason ";

    @SqlUpdate(CONTACT_NOTICE_BLANKS + "WHERE event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber)")
    int blankNoticesOfCaseEvents(String dufNumber, OffsetDateTime now, String reason);

    /** Notices carry the DUF number themselves too (V9), and may belong to events of no case. */
    @SqlUpdate(CONTACT_NOTICE_BLANKS + "WHERE duf_number = :dufNumber")
    int blankNoticesQuotingCase(String dufNumber, OffsetDateTime now, String reason);

    @SqlUpdate("UPDATE deadline_run SET duf_number = NULL WHERE duf_number = :dufNumber")
    int blankDeadlinesOfCase(String dufNumber);

    @SqlUpdate("""
            UPDATE deadline_run SET duf_number = NULL
            WHERE duf_number IS NOT NULL AND event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber)""")
    int blankDeadlinesOfCaseEvents(String dufNumber);

    @SqlUpdate(EVENT_BLANKS + "WHERE duf_number = :dufNumber")
    int blankEventsOfCase(String dufNumber, OffsetDateTime now, String reason);

    @SqlUpdate("DELETE FROM case_agreement WHERE duf_number = :dufNumber")
    int deleteAgreements(String dufNumber);

    @SqlUpdate("DELETE FROM case_file WHERE duf_number = :dufNumber")
    int deleteCaseFile(String dufNumber);

    @SqlUpdate(CONTACT_NOTICE_BLANKS + "WHERE event_key IN (<eventKeys>)")
    int blankNoticesOf(@BindList("eventKeys") List<String> eventKeys, OffsetDateTime now, String reason);

    @SqlUpdate("UPDATE deadline_run SET duf_number = NULL WHERE duf_number IS NOT NULL AND event_key IN (<eventKeys>)")
    int blankDeadlinesOf(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate(EVENT_BLANKS + "WHERE event_key IN (<eventKeys>)")
    int blankEvents(@BindList("eventKeys") List<String> eventKeys, OffsetDateTime now, String reason);
}
