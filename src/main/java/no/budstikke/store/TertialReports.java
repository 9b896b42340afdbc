package no.budstikke.store;

import java.util.List;

/** What the AMOT tertial report reads, in the dispatch transaction: the running agreements and the reports made. */
public final class TertialReports {

    /** A running agreement with its agreement-signed event ({@code signedEvent}, the stored payload: personal data). */
    public record Agreement(String municipalityNumber, String signedEvent) {
    }

    /** The running agreements, each with its agreement-signed event, in the order the report lists them. */
    public List<Agreement> running(Transaction tx) {
        return tx.attach(TertialReportSql.class).running();
    }

    /** Whether the notice is stored already: a report is made once per period, region and office. */
    public boolean made(Transaction tx, String noticeId) {
        return tx.attach(TertialReportSql.class).notice(noticeId).isPresent();
    }
}
