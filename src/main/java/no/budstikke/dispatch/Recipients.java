package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.model.Where;

/**
 * Resolves a recipient role to one concrete office. The {@link Where}s are tried in order and the
 * first one the event provides is used; a later one is <em>not</em> tried when the directory has
 * no office for the first (a concern report must not go to the wrong municipality; the gap is
 * reported instead). Exactly one office must match, otherwise the result is a {@link Gap} whose
 * reason names the role, municipality numbers and directory ids only, never personal data.
 */
public final class Recipients {

    /** The outcome of resolving one recipient. */
    public sealed interface Resolution {
    }

    public record Resolved(Office office) implements Resolution {
    }

    /** @param municipality the municipality number the role was looked up for; null when none was found */
    public record Gap(String reason, String municipality) implements Resolution {
        public Gap(String reason) {
            this(reason, null);
        }
    }

    private static final Pattern MUNICIPALITY_NUMBER = Pattern.compile("\\d{4}");
    private static final Pattern SAFE_CENTRE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Serves NOWHERE = new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private final Directory directory;

    public Recipients(Directory directory) {
        this.directory = directory;
    }

    public Resolution resolve(Role role, List<Where> where, JsonNode event, CaseState caseState) {
        JsonNode data = event.path("data");
        List<String> looked = new ArrayList<>();
        for (Where w : where) {
            switch (w) {
                case NATIONAL:
                    return national(role);
                case TO_CENTRE: {
                    Optional<String> centreId = text(data.path("toCentre").path("id"));
                    if (centreId.isPresent()) return centre(role, centreId.get());
                    looked.add("TO_CENTRE (data.toCentre.id)");
                    break;
                }
                case EVENT_CONTACT: {
                    Optional<Resolution> contact = contact(role, data.path("caseContext"));
                    if (contact.isPresent()) return contact.get();
                    looked.add("EVENT_CONTACT (" + contactField(role) + " with an email or phone)");
                    break;
                }
                default: {
                    Optional<String> number = Places.municipalityNumber(w, event, caseState);
                    if (number.isPresent()) return serving(role, w, number.get());
                    looked.add(w + " (" + Places.describe(w) + ")");
                }
            }
        }
        return new Gap("the event gives nothing to resolve " + role + " from; looked for "
                + (looked.isEmpty() ? "nothing (no place configured)" : String.join(", ", looked)));
    }

    private Resolution serving(Role role, Where w, String number) {
        if (!MUNICIPALITY_NUMBER.matcher(number).matches()) {
            return new Gap("the municipality number for " + role + " from " + w + " is not four digits");
        }
        Optional<Municipality> m = directory.municipality(number);
        if (m.isEmpty()) {
            return new Gap("municipality " + number + " (from " + w + ") is not in the directory's reference data, so "
                    + role + " cannot be resolved", number);
        }
        Resolution r = exactlyOne(directory.serving(role, m.get()), role, "municipality " + number + " (from " + w + ")");
        return r instanceof Gap g ? new Gap(g.reason(), number) : r;
    }

    private Resolution national(Role role) {
        return exactlyOne(directory.national(role), role, "the whole country (NATIONAL)");
    }

    private Resolution centre(Role role, String centreId) {
        // The id is named only when the directory knows it: an unknown one is the sender's text, which
        // goes into logs, alerts and the gap list and may be anything, a person's name included.
        boolean known = SAFE_CENTRE_ID.matcher(centreId).matches()
                && directory.offices().stream().anyMatch(o -> o.serves().centres().contains(centreId));
        String named = known ? "centre " + centreId : "the centre in data.toCentre.id (not in the directory)";
        List<Office> offices = directory.offices().stream()
                .filter(o -> o.role() == role && o.serves().centres().contains(centreId)).toList();
        return exactlyOne(offices, role, named + " (from TO_CENTRE)");
    }

    private static Resolution exactlyOne(List<Office> offices, Role role, String where) {
        if (offices.size() == 1) return new Resolved(offices.get(0));
        if (offices.isEmpty()) return new Gap("no " + role + " office serves " + where + "; expected exactly one");
        return new Gap(offices.size() + " " + role + " offices serve " + where + " ("
                + String.join(", ", offices.stream().map(Office::id).sorted().toList()) + "); expected exactly one");
    }

    /**
     * The office as a task for staff: the same office on channel TASK, reached by phone when the
     * event gives a representative's or lawyer's number (a task is a call), else at its usual address.
     */
    public Office asTask(Office office, JsonNode event) {
        String address = office.address();
        if (office.fromEvent()) {
            String field = office.role() == Role.LAWYER ? "lawyer" : "representative";
            address = text(event.path("data").path("caseContext").path(field).path("phone"))
                    .map(s -> s.replaceAll("\\s+", "")).orElse(address);
        }
        return new Office(office.id(), office.role(), office.name(), Channel.TASK, address, office.serves(), office.fromEvent());
    }

    private static String contactField(Role role) {
        return switch (role) {
            case REPRESENTATIVE -> "data.caseContext.representative";
            case LAWYER -> "data.caseContext.lawyer";
            default -> "a person named in the event";
        };
    }

    /** A representative or lawyer named in the event, as an office: e-mail if given, else a phone task for staff. */
    private static Optional<Resolution> contact(Role role, JsonNode caseContext) {
        String field = switch (role) {
            case REPRESENTATIVE -> "representative";
            case LAWYER -> "lawyer";
            default -> null;
        };
        if (field == null) return Optional.empty();
        JsonNode person = caseContext.path(field);
        // An address the hub would not write to (an IP literal, a source route, a lookalike) is not
        // mailed: the contact becomes a phone task for staff, or a gap when there is no phone either.
        Optional<String> email = text(person.path("email")).map(String::trim).filter(MailAddress::acceptable);
        Optional<String> phone = text(person.path("phone")).map(s -> s.replaceAll("\\s+", ""));
        if (email.isEmpty() && phone.isEmpty()) return Optional.empty();
        Channel channel = email.isPresent() ? Channel.MAIL : Channel.TASK;
        String address = email.orElseGet(phone::get);
        String key = email.map(e -> e.toLowerCase(Locale.ROOT)).orElse(address);
        String name = text(person.path("name")).orElse(field);
        Office office = new Office("contact:" + field + ":" + sha256Prefix(key), role, name, channel, address, NOWHERE, true);
        return Optional.of(new Resolved(office));
    }

    static String sha256Prefix(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return Places.text(node);
    }
}
