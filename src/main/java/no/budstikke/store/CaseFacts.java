package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import no.budstikke.dispatch.model.CaseState;

/**
 * What routing conditions may know of a case beyond the event, read from the case's stored
 * events. For now: whether an AMOT agreement was signed, and in which municipality.
 */
public final class CaseFacts {

    static final String AGREEMENT_SIGNED = "no.udi.duf.amot.agreement-signed.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public CaseState of(Connection c, String dufNumber) throws SQLException {
        if (dufNumber == null) return CaseState.UNKNOWN;
        Map<String, Object> facts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT payload FROM inbound_event WHERE duf_number = ? AND type = ?
                ORDER BY event_time DESC, seq DESC LIMIT 1""")) {
            ps.setString(1, dufNumber);
            ps.setString(2, AGREEMENT_SIGNED);
            try (ResultSet rs = ps.executeQuery()) {
                facts.put("activeAmotAgreement", rs.next());
                if (facts.get("activeAmotAgreement") == Boolean.TRUE) {
                    JsonNode municipality = read(rs.getString(1)).path("data").path("municipalityNumber");
                    if (municipality.isTextual()) facts.put("amotMunicipality", municipality.asText());
                }
            }
        }
        return new CaseState(facts);
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by intake", e);
        }
    }
}
