package no.budstikke.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.UUID;
import no.budstikke.dispatch.Fixtures;

/** Events of one test person, each with an id of its own. The name and DUF number must never reach a log. */
final class CaseEvents {

    static final String CENTRE_OSLO = "{\"id\":\"C-0301-01\",\"name\":\"Tonsenhagen mottak\",\"municipalityNumber\":\"0301\",\"kind\":\"minors\"}";

    final String dufNumber;
    final String givenName;
    final LocalDate birthDate;

    CaseEvents(String dufNumber, String givenName, LocalDate birthDate) {
        this.dufNumber = dufNumber;
        this.givenName = givenName;
        this.birthDate = birthDate;
    }

    ObjectNode arrived(String time, Boolean childWelfareCaseOpen) {
        ObjectNode e = event("no.udi.mot.resident.arrived.v1", time);
        Fixtures.set(e, "/data/centre", Fixtures.json(CENTRE_OSLO));
        Fixtures.set(e, "/data/arrivedAt", time);
        if (childWelfareCaseOpen != null) Fixtures.set(e, "/data/caseContext/childWelfareCaseOpen", childWelfareCaseOpen);
        return e;
    }

    ObjectNode turning18(String time) {
        ObjectNode e = event("no.udi.mot.resident.turning-18.v1", time);
        Fixtures.set(e, "/data/centre", Fixtures.json(CENTRE_OSLO));
        Fixtures.set(e, "/data/eighteenOn", birthDate.plusYears(18).toString());
        Fixtures.set(e, "/data/caseContext/childWelfareCaseOpen", true);
        return e;
    }

    /** A decision; {@code residence_permit_settlement} starts the wait for settlement. No centre block: DUF often has none. */
    ObjectNode decided(String time, String decision) {
        ObjectNode e = event("no.udi.duf.case.decided.v1", time);
        Fixtures.set(e, "/data/decision", decision);
        Fixtures.set(e, "/data/decidedAt", time);
        return e;
    }

    ObjectNode settled(String time) {
        ObjectNode e = event("no.udi.duf.settlement.decided.v1", time);
        Fixtures.set(e, "/data/decidedAt", time);
        return e;
    }

    ObjectNode mappingUpdated(String time, String summary) {
        ObjectNode e = event("no.udi.mot.mapping.updated.v1", time);
        Fixtures.set(e, "/data/centre", Fixtures.json(CENTRE_OSLO));
        Fixtures.set(e, "/data/mappingSummary", summary);
        Fixtures.set(e, "/data/newInformation", true);
        Fixtures.set(e, "/data/caseContext/awaitingSettlement", true);
        return e;
    }

    private ObjectNode event(String type, String time) {
        ObjectNode e = Fixtures.valid(type);
        e.put("id", "it-" + UUID.randomUUID());
        e.put("time", time);
        Fixtures.set(e, "/data/person/dufNumber", dufNumber);
        Fixtures.set(e, "/data/person/givenName", givenName);
        Fixtures.set(e, "/data/person/familyName", "Planleggesen");
        Fixtures.set(e, "/data/person/birthDate", birthDate.toString());
        return e;
    }
}
