package no.budstikke.alert;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeId;
import no.budstikke.model.Office;
import no.budstikke.model.Rfc3339;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.store.AlertHistory;
import no.budstikke.store.AlertState;
import no.budstikke.store.AlertStore;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.StoredAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert table, and the mail each new alert sends to the ops mailbox. The mail is an ordinary
 * notice in the outbox (kind {@value #KIND}, duty {@value #DUTY}), so it is retried, journaled and
 * sandboxed like every other; its content is the alert only, which names no one.
 */
public final class Alerts implements AlertHistory {

    public static final String KIND = "ops-alert";
    public static final String DUTY = "ALERT";
    public static final String OPS_OFFICE_ID = "ops";
    /** The fields an ops-alert template may print. */
    public static final Set<String> CONTENT_FIELDS = Set.of("/alert", "/alert/kind", "/alert/subject", "/alert/detail",
            "/alert/raisedAt", "/alert/eventKey", "/alert/id");

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private static final Serves NATIONAL = new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private final Transactions transactions;
    private final Clock clock;
    private final AlertStore store;
    private final Optional<Office> mailbox;

    /** @param mailbox the ops mailbox's address; empty: alerts show on the ops API only */
    public Alerts(Transactions transactions, Clock clock, NoticeStore notices, Optional<String> mailbox) {
        this.transactions = transactions;
        this.clock = clock;
        this.store = new AlertStore(notices);
        this.mailbox = office(mailbox);
    }

    private static Optional<Office> office(Optional<String> mailbox) {
        return mailbox.filter(m -> !m.isBlank())
                .map(m -> new Office(OPS_OFFICE_ID, Role.OPS, "Budstikke drift", Channel.MAIL, m.trim(), NATIONAL, false));
    }

    /**
     * Raises the alert in the caller's transaction, once per key: a second raise with the same key
     * changes nothing. Returns whether it was new.
     */
    public boolean raise(Transaction tx, Alert a) {
        return raise(tx, a, mailbox);
    }

    /** As {@link #raise(Transaction, Alert)}, mailed to another mailbox than the ops mailbox (a deadline's own). */
    public boolean raise(Transaction tx, Alert a, String otherMailbox) {
        return raise(tx, a, office(Optional.ofNullable(otherMailbox)).or(() -> mailbox));
    }

    private boolean raise(Transaction tx, Alert a, Optional<Office> to) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Long> raised = store.raise(tx, new AlertStore.NewAlert(a.key(), a.kind(), a.eventKey(), a.subject(), a.detail(), now));
        if (raised.isEmpty()) return false;
        long id = raised.get();
        LOG.warn("alert id={} kind={} event={}: {}", id, a.kind(), a.eventKey(), a.subject());
        if (to.isPresent()) {
            String noticeId = NoticeId.of(a.eventKey(), DUTY + "|" + a.key(), OPS_OFFICE_ID, false);
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            content.putObject("alert").put("id", id).put("kind", a.kind()).put("subject", a.subject())
                    .put("detail", a.detail()).put("raisedAt", Rfc3339.format(now)).put("eventKey", a.eventKey());
            Notice n = new Notice(DUTY, false, KIND, a.priority(), to.get(), "ops-follow-up",
                    "internal follow-up of the hub's duties and deadlines", content, List.of(), List.of());
            store.mail(tx, id, noticeId, a.eventKey(), n);
        }
        return true;
    }

    /** Alerts newest first; only unacknowledged ones unless {@code all}. */
    public List<StoredAlert> list(boolean all, int limit) {
        Set<AlertState> states = all ? EnumSet.allOf(AlertState.class) : EnumSet.of(AlertState.RAISED);
        return transactions.read(tx -> store.list(tx, states, limit));
    }

    public Optional<StoredAlert> get(long id) {
        return transactions.read(tx -> store.get(tx, id));
    }

    /** The alerts about one event, oldest first: for the journal. */
    @Override
    public List<StoredAlert> forEvent(Transaction tx, String eventKey) {
        return store.forEvent(tx, eventKey);
    }

    /** Records who acknowledged the alert; false when there is no such alert or it was acknowledged before. */
    public boolean acknowledge(long id, String actor) {
        return transactions.inTransaction(tx -> store.acknowledge(tx, id, actor, OffsetDateTime.now(clock)));
    }

    /** Acknowledges the alert raised under {@code alertKey}, in the caller's transaction, if it is still open. */
    public boolean acknowledge(Transaction tx, String alertKey, String actor) {
        return store.acknowledge(tx, alertKey, actor, OffsetDateTime.now(clock));
    }
}
