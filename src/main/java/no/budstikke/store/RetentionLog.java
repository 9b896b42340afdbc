package no.budstikke.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("INSERT INTO retention_log (at, action, actor, counts) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, OffsetDateTime.now(clock));
                ps.setString(2, action);
                ps.setString(3, actor.length() <= 100 ? actor : actor.substring(0, 100));
                ps.setString(4, json);
                return ps.executeUpdate();
            }
        });
    }

    /** The newest entries first. */
    public List<Entry> newest(int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "SELECT id, at, action, actor, counts FROM retention_log ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }
}
