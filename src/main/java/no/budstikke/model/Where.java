package no.budstikke.model;

/**
 * Which municipality (or other place) resolves a recipient role, per DOMAIN.md. A recipient
 * lists them in order of preference; the first one the event provides is used.
 */
public enum Where {
    /** data.centre.municipalityNumber */
    CENTRE,
    /** data.address.municipalityNumber (private move, moved without clearance) */
    DESTINATION,
    /** data.knownWhereabouts.municipalityNumber */
    KNOWN_WHEREABOUTS,
    /** data.municipalityNumber of an AMOT event, else the case's active AMOT agreement */
    AMOT,
    /** data.settlementMunicipalityNumber */
    SETTLEMENT,
    /** data.destination.municipalityNumber (leave applications) */
    LEAVE_DESTINATION,
    /** the centre named in data.toCentre (relocation) */
    TO_CENTRE,
    /** offices that serve the whole country */
    NATIONAL,
    /** a person named in the event: the representative or the lawyer in caseContext */
    EVENT_CONTACT,
    /**
     * every office of the role that was told of the case's open disappearance (O19–O24), as the
     * journal recorded it: none, one or several; never resolved from today's rules
     */
    EPISODE
}
