package no.budstikke.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import no.budstikke.model.Rfc3339;

/**
 * The events the hub makes itself, as the contract's events of source {@value #SOURCE}, built from
 * what the case file (its {@code state} JSON) knows. Pure.
 *
 * <p>Each id is derived from what makes the duty unique, so that every instance, before and after
 * a restart, makes the same id for the same duty, and intake's unique (source, id) stores it once.
 * Ids hold a hash, never a DUF number or a date of the person.
 */
public final class HubEvents {

    public static final String SOURCE = "urn:no:budstikke:schedule";
    public static final String TURNING_18 = "no.udi.mot.resident.turning-18.v1";
    public static final String MAPPING_UPDATED = "no.udi.mot.mapping.updated.v1";
    /** What a "nothing new" confirmation says when no mapping of the person ever reached the hub. */
    static final String NO_MAPPING = "Budstikke har ikke mottatt noen kartlegging for beboeren.";
    static final String NO_ACTION_PLAN = "Budstikke har ikke mottatt noen tiltaksplan for beboeren.";

    private HubEvents() {
    }

    /** One turning-18 request per person and 18th birthday (a corrected birth date is a new one, if none went yet). */
    public static String turning18Id(String dufNumber, LocalDate eighteenOn) {
        return "turning-18-" + hash(dufNumber + "|" + eighteenOn);
    }

    /** One update per person and anchor: the start of the wait or the last update that went to IMDi. */
    public static String settlementUpdateId(String dufNumber, Instant anchor) {
        return "settlement-update-" + hash(dufNumber + "|" + anchor.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A turning-18 event with the newest person, centre and case context. Empty when the case file
     * names no centre: a MOT event must have one.
     */
    public static Optional<ObjectNode> turning18(String id, Instant time, JsonNode state, LocalDate eighteenOn) {
        Optional<ObjectNode> data = base(state);
        data.ifPresent(d -> {
            context(state, state.has("awaitingSettlementSince"), false).ifPresent(c -> d.set("caseContext", c));
            d.put("eighteenOn", eighteenOn.toString());
        });
        return data.map(d -> envelope(id, TURNING_18, time, d));
    }

    /**
     * The "nothing new" confirmation to IMDi: a mapping update with {@code newInformation: false},
     * carrying the last mapping summary and action plan the hub has ({@code lastMapping}: the data
     * of the newest mapping event, or null), else saying that none reached the hub. Its case
     * context says the person awaits settlement, which is why it is made. Empty without a centre.
     */
    public static Optional<ObjectNode> settlementUpdate(String id, Instant time, JsonNode state, JsonNode lastMapping) {
        Optional<ObjectNode> data = base(state);
        data.ifPresent(d -> {
            d.set("caseContext", context(state, true, true).orElseThrow());
            d.put("mappingSummary", text(lastMapping, "mappingSummary").orElse(NO_MAPPING));
            d.put("actionPlan", text(lastMapping, "actionPlan").orElse(NO_ACTION_PLAN));
            d.put("newInformation", false);
        });
        return data.map(d -> envelope(id, MAPPING_UPDATED, time, d));
    }

    private static Optional<ObjectNode> base(JsonNode state) {
        JsonNode person = state.path("person");
        JsonNode centre = state.path("lastCentre").path("block");
        if (!person.isObject() || !centre.isObject()) return Optional.empty();
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.set("person", person.deepCopy());
        d.set("centre", centre.deepCopy());
        return Optional.of(d);
    }

    /**
     * The newest case context, with {@code awaitingSettlement} as the hub knows it now. A copied
     * context that still said "awaiting" after settlement was decided would start the wait again
     * when the case is replayed, so the hub's own knowledge replaces it. {@code always}: make a
     * context even when the case has none.
     */
    private static Optional<ObjectNode> context(JsonNode state, boolean awaiting, boolean always) {
        JsonNode newest = state.path("caseContext");
        if (!newest.isObject() && !always) return Optional.empty();
        ObjectNode c = newest.isObject() ? newest.deepCopy() : JsonNodeFactory.instance.objectNode();
        if (always || c.has("awaitingSettlement")) c.put("awaitingSettlement", awaiting);
        return Optional.of(c);
    }

    private static ObjectNode envelope(String id, String type, Instant time, ObjectNode data) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("specversion", "1.0").put("id", id).put("source", SOURCE).put("type", type)
                .put("time", Rfc3339.format(time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)))
                .put("datacontenttype", "application/json");
        e.set("data", data);
        return e;
    }

    private static Optional<String> text(JsonNode data, String field) {
        JsonNode v = data == null ? null : data.path(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** The first 16 hex digits of SHA-256: enough to keep ids apart, and no personal data in the id. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
