package no.budstikke.model;

import java.util.List;

/**
 * What one role may see for one purpose, and why it may. {@code allow} holds field paths (JSON
 * pointers into the event, {@code *} for every array element); a path covers everything under
 * it. {@code withConsent} paths are added only when caseContext.consents.disclosureToOthers is
 * true. Everything else is removed.
 */
public record Policy(Role role, String purpose, String legalBasis, List<String> allow, List<String> withConsent, Source source) {
}
