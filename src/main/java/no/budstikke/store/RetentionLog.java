package no.budstikke.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The record of each purge and each erasure: when, by whom, and how many rows of what. Never content. */
public final class RetentionLog {

    public static final String PURGE = "PURGE";
    public static final String ERASURE = "ERASURE";

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Entry(long id, OffsetDateTime at, String action, String actor, String counts) {
    }

    private final Transactions transactions;
    private final Clock clock;

    public RetentionLog(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Records one purge or erasure; {@code counts} names tables and numbers only. */
    public void record(String action, String actor, Map<String, Long> counts) {
        String json;
        try {
            json = JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counts are a map of names and numbers", e);
        }
        String by = actor.length() <= 100 ? actor : actor.substring(0, 100);
        transactions.inTransaction(tx -> tx.attach(RetentionLogSql.class).insert(OffsetDateTime.now(clock), action, by, json));
    }

    /** The newest entries first. */
    public List<Entry> newest(int limit) {
        return transactions.read(tx -> tx.attach(RetentionLogSql.class).newest(limit));
    }
}
