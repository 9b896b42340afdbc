package no.budstikke.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link TertialReports}: reads only. */
interface TertialReportSql {

    @SqlQuery("""
            SELECT a.municipality_number, e.payload AS signed_event
            FROM case_agreement a
            JOIN case_file f ON f.duf_number = a.duf_number
            JOIN inbound_event e ON e.event_key = a.event_key
            ORDER BY a.municipality_number, a.signed_at, a.agreement_id, a.duf_number""")
    @RegisterConstructorMapper(TertialReports.Agreement.class)
    List<TertialReports.Agreement> running();

    @SqlQuery("SELECT 1 FROM notice WHERE notice_id = :noticeId")
    Optional<Integer> notice(String noticeId);
}
