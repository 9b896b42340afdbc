package no.budstikke.model;

/** Recipient roles of DOMAIN.md. Which office plays a role is resolved from the directory or the event. */
public enum Role {
    STATSFORVALTER, BARNEVERN, SCHOOL, HEALTH_OFFICE, POLICE_DISTRICT, PU, UDI_REGIONAL, UDI_BFE, IMDI,
    REPRESENTATIVE, LAWYER, MUNICIPALITY, PERSON, NOARK_ARCHIVE, RECEPTION_CENTRE,
    /** The hub's own operators: alerts go to their mailbox (never a recipient in routing rules). */
    OPS
}
