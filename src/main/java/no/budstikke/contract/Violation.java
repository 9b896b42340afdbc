package no.budstikke.contract;

/**
 * One broken rule of the inbound event contract.
 *
 * @param pointer RFC 6901 JSON pointer into the validated document ("" for the root). For a missing
 *                required property it points at the object that lacks it (the message names the
 *                property); for an unknown or badly named property it points at that property.
 * @param message what is expected. It never echoes the offending value, since values may be personal
 *                data (names, DUF numbers, addresses, free text).
 */
public record Violation(String pointer, String message) {
}
