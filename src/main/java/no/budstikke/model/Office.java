package no.budstikke.model;

/**
 * A concrete recipient. {@code address} is what the channel needs: an e-mail address, an SFTP
 * URI or an HTTPS URL (a phone number for tasks). Offices named in an event (a representative,
 * a lawyer) are built from the event and have {@code fromEvent} set.
 */
public record Office(String id, Role role, String name, Channel channel, String address, Serves serves, boolean fromEvent) {

    @Override
    public String toString() {
        // Addresses of people named in events are personal data; the id is enough to identify the office.
        return "Office[" + id + ", " + role + "]";
    }
}
