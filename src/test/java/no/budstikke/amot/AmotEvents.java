package no.budstikke.amot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import no.budstikke.dispatch.Fixtures;

/** DUF events about AMOT agreements, for the O39 tests: each a valid event of the contract. */
final class AmotEvents {

    private AmotEvents() {
    }

    /** A person, by DUF number and name, with an agreement in the municipality. */
    record Person(String dufNumber, String givenName, String familyName, String birthDate, String nationality) {
    }

    static ObjectNode signed(String id, Person p, String municipality, String agreementId, String signedAt, String documentRef) {
        ObjectNode e = withPerson(Fixtures.valid("no.udi.duf.amot.agreement-signed.v1"), id, p);
        Fixtures.set(e, "/data/agreementId", agreementId);
        Fixtures.set(e, "/data/municipalityNumber", municipality);
        Fixtures.set(e, "/data/signedAt", signedAt);
        Fixtures.set(e, "/data/documentRef", documentRef);
        Fixtures.set(e, "/time", signedAt);
        return e;
    }

    /** The residence permit that grounds settlement: it ends the agreement (O37). */
    static ObjectNode permit(String id, Person p, String time) {
        ObjectNode e = withPerson(Fixtures.valid("no.udi.duf.case.decided.v1"), id, p);
        Fixtures.set(e, "/data/decision", "residence_permit_settlement");
        Fixtures.set(e, "/data/decidedAt", time);
        Fixtures.set(e, "/time", time);
        return e;
    }

    /** Settlement decided: it ends the agreement too. */
    static ObjectNode settled(String id, Person p, String time) {
        ObjectNode e = withPerson(Fixtures.valid("no.udi.duf.settlement.decided.v1"), id, p);
        Fixtures.set(e, "/data/decidedAt", time);
        Fixtures.set(e, "/time", time);
        return e;
    }

    static ObjectNode tertialDue(String id, String period, String time) {
        ObjectNode e = Fixtures.valid("no.udi.duf.amot.tertial-due.v1");
        Fixtures.set(e, "/id", id);
        Fixtures.set(e, "/data/period", period);
        Fixtures.set(e, "/time", time);
        return e;
    }

    private static ObjectNode withPerson(ObjectNode e, String id, Person p) {
        Fixtures.set(e, "/id", id);
        Fixtures.set(e, "/data/person/dufNumber", p.dufNumber());
        Fixtures.set(e, "/data/person/givenName", p.givenName());
        Fixtures.set(e, "/data/person/familyName", p.familyName());
        Fixtures.set(e, "/data/person/birthDate", p.birthDate());
        Fixtures.set(e, "/data/person/nationality", p.nationality());
        return e;
    }
}
