package no.budstikke.amot;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Dispatched;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.model.Attachment;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeId;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Unresolved;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.TertialReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * O39: when a {@code tertial-due} event is dispatched (DUF's, or the hub's own from
 * {@code TertialSchedule}), each UDI regional office gets one notice with the base data of the
 * running AMOT agreements in its region, as a CSV attachment. Runs in the dispatch transaction.
 *
 * <p>Once per (period, region, office): the notice id is derived from those, not from the event,
 * so a second tertial-due for the same period (DUF's and the hub's) finds the report made. A region
 * without running agreements gets no report. Agreements whose municipality is not in the
 * directory, or whose region no single UDI office serves, are a dispatch gap, as for any duty.
 */
public final class TertialReport implements DispatchListener {

    public static final String TYPE = "no.udi.duf.amot.tertial-due.v1";
    public static final String DUTY = "O39";
    public static final String KIND = "amot-base-data";
    public static final String PURPOSE = "amot";
    public static final String MEDIA_TYPE = "text/csv";
    /** The content fields the hub writes for the report, which the event contract does not know (its templates may print them). */
    public static final Set<String> CONTENT_FIELDS = Set.of("/udiRegion", "/agreements", "/columns", "/file");

    private static final Logger LOG = LoggerFactory.getLogger(TertialReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NoticeStore notices;
    private final DispatchGaps gaps;
    private final TertialReports reads = new TertialReports();

    /** The report is made with the config that decided its event (policy and directory), see {@link Dispatched#dispatcher()}. */
    public TertialReport(NoticeStore notices, DispatchGaps gaps) {
        this.notices = notices;
        this.gaps = gaps;
    }

    @Override
    public void dispatched(Transaction tx, Dispatched d) {
        if (!TYPE.equals(d.type())) return;
        String period = d.event().path("data").path("period").asText();
        Optional<Dispatcher.PolicyView> policy = d.dispatcher().policy(Role.UDI_REGIONAL, PURPOSE);
        if (policy.isEmpty()) {
            gap(tx, d.key(), "no disclosure policy for UDI_REGIONAL and purpose '" + PURPOSE + "'; nothing is sent (default deny)");
            return;
        }
        BaseDataCsv csv = new BaseDataCsv(policy.get().redactor());
        Map<Target, List<BaseDataCsv.Row>> byTarget = group(tx, d.key(), reads.running(tx), d.dispatcher().config().directory());
        for (Map.Entry<Target, List<BaseDataCsv.Row>> e : byTarget.entrySet()) {
            Target t = e.getKey();
            String id = NoticeId.of(DUTY + "|" + period + "|" + t.region(), DUTY, t.office().id(), false);
            if (reads.made(tx, id)) {
                LOG.info("tertial report period={} region={} office={} already made notice={}", period, t.region(), t.office().id(), id);
                continue;
            }
            BaseDataCsv.Report report = csv.build(e.getValue());
            String file = fileName(period, t.region());
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            content.put("period", period).put("udiRegion", t.region()).put("agreements", report.rows()).put("file", file);
            report.columns().forEach(content.putArray("columns")::add);
            Notice n = new Notice(DUTY, false, KIND, Priority.NORMAL, t.office(), PURPOSE, policy.get().policy().legalBasis(),
                    content, report.removedFields(), List.of(), null, List.of(new Attachment(file, MEDIA_TYPE, report.csv())));
            notices.insert(tx, id, d.key(), d.event(), n, d.configVersion());
            LOG.info("tertial report period={} region={} office={} agreements={} columns={} notice={}", period, t.region(),
                    t.office().id(), report.rows(), report.columns().size(), id);
        }
    }

    /** {@code amot-2026-T3-indre-ostland.csv}: the region in plain ASCII, as a file name must be everywhere. */
    static String fileName(String period, String region) {
        String ascii = Normalizer.normalize(region.toLowerCase(Locale.ROOT)
                .replace("æ", "ae").replace("ø", "o").replace("å", "a"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return "amot-" + period + "-" + (slug.isEmpty() ? "region" : slug) + ".csv";
    }

    private record Target(String region, Office office) {
    }

    /** Agreements by (region, office); those that lead to no single office are recorded as gaps, by municipality. */
    private Map<Target, List<BaseDataCsv.Row>> group(Transaction tx, String key, List<TertialReports.Agreement> agreements,
                                                     Directory directory) {
        Map<Target, List<BaseDataCsv.Row>> out = new LinkedHashMap<>();
        Map<String, Integer> unplaced = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (TertialReports.Agreement a : agreements) {
            String number = a.municipalityNumber() == null ? "(none)" : a.municipalityNumber();
            Optional<Municipality> m = a.municipalityNumber() == null ? Optional.empty() : directory.municipality(a.municipalityNumber());
            if (m.isEmpty()) {
                unplaced.merge(number, 1, Integer::sum);
                reasons.putIfAbsent(number, "AMOT municipality " + number + " is not in the directory");
                continue;
            }
            List<Office> offices = directory.serving(Role.UDI_REGIONAL, m.get());
            if (offices.size() != 1) {
                unplaced.merge(number, 1, Integer::sum);
                reasons.putIfAbsent(number, (offices.isEmpty() ? "no" : offices.size()) + " UDI_REGIONAL offices serve "
                        + number + " " + m.get().name() + " (region " + m.get().udiRegion() + "); expected exactly one");
                continue;
            }
            out.computeIfAbsent(new Target(m.get().udiRegion(), offices.get(0)), t -> new ArrayList<>())
                    .add(new BaseDataCsv.Row(read(a.signedEvent()), m.get().name()));
        }
        for (Map.Entry<String, Integer> u : unplaced.entrySet()) {
            gap(tx, key, reasons.get(u.getKey()) + "; " + u.getValue() + " running agreement(s) left out of the tertial report");
        }
        return out;
    }

    private void gap(Transaction tx, String key, String reason) {
        gaps.insert(tx, key, new Unresolved(DUTY, Role.UDI_REGIONAL, reason));
        LOG.warn("tertial report event key={} duty={} unresolved: {}", key, DUTY, reason);
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by intake", e);
        }
    }
}
