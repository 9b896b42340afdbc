package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.budstikke.model.CaseState;
import no.budstikke.model.Condition;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.model.Where;

/**
 * Evaluates the declarative conditions of routing-rules.yaml against an event and what the hub
 * knows of the case.
 *
 * <p>A subject is either an event JSON pointer, in which {@code *} stands for any element of an
 * array, or {@code case:<name>}. A subject may reach several values (through {@code *}); then
 * EQUALS, IN, EXISTS, WITHIN_HOURS and AHEAD hold when they hold for <em>any</em> of them, and their
 * negations NOT_EQUALS and ABSENT hold when EQUALS and EXISTS do not (so "no appointment is an
 * asylum interview", and a missing value is not equal). JSON null counts as absent. Numbers
 * compare by value (1 equals 1.0). A missing {@code when} (null) holds; an empty All holds, an
 * empty Any does not. {@link Condition.Differs} compares the areas two places lie in, by the
 * directory's reference data.
 */
public final class Conditions {

    public static final String CASE_PREFIX = "case:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();
    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);

    private final Map<String, EventPointer> pointers = new ConcurrentHashMap<>();
    private final Directory directory;

    /** @param directory the reference data {@link Condition.Differs} compares areas in */
    public Conditions(Directory directory) {
        this.directory = directory;
    }

    /**
     * Checks that every subject of the condition can be read (a JSON pointer or {@code case:<name>}),
     * so that a bad condition fails at start-up rather than on some event.
     *
     * @throws IllegalArgumentException naming the subject that is not a pointer
     */
    public void check(Condition condition) {
        if (condition == null) return;
        if (condition instanceof Condition.All all) all.conditions().forEach(this::check);
        else if (condition instanceof Condition.Any any) any.conditions().forEach(this::check);
        else if (condition instanceof Condition.Not not) check(not.condition());
        else if (condition instanceof Condition.Test t && !t.subject().startsWith(CASE_PREFIX)) {
            pointers.computeIfAbsent(t.subject(), EventPointer::parse);
        }
    }

    public boolean holds(Condition condition, JsonNode event, CaseState caseState) {
        if (condition == null) return true;
        if (condition instanceof Condition.All all) {
            for (Condition c : all.conditions()) {
                if (!holds(c, event, caseState)) return false;
            }
            return true;
        }
        if (condition instanceof Condition.Any any) {
            for (Condition c : any.conditions()) {
                if (holds(c, event, caseState)) return true;
            }
            return false;
        }
        if (condition instanceof Condition.Not not) {
            return !holds(not.condition(), event, caseState);
        }
        if (condition instanceof Condition.Differs differs) {
            return differs(differs, event, caseState);
        }
        return test((Condition.Test) condition, event, caseState);
    }

    private boolean test(Condition.Test t, JsonNode event, CaseState caseState) {
        List<JsonNode> values = values(t.subject(), event, caseState);
        return switch (t.op()) {
            case EXISTS -> !values.isEmpty();
            case ABSENT -> values.isEmpty();
            case EQUALS -> anyEquals(values, t.value());
            case NOT_EQUALS -> !anyEquals(values, t.value());
            case IN -> in(values, t.value());
            case WITHIN_HOURS -> withinHours(values, t.value(), event);
            case AHEAD -> ahead(values, event);
        };
    }

    /**
     * The two places' municipalities lie in different areas of the given kind. Does not hold when
     * either place is not given, or its municipality or area is not in the reference data.
     */
    private boolean differs(Condition.Differs d, JsonNode event, CaseState caseState) {
        Optional<Municipality> first = municipality(d.first(), event, caseState);
        Optional<Municipality> second = municipality(d.second(), event, caseState);
        if (first.isEmpty() || second.isEmpty()) return false;
        String a = area(d.area(), first.get());
        String b = area(d.area(), second.get());
        return a != null && b != null && !a.equals(b);
    }

    private Optional<Municipality> municipality(Where where, JsonNode event, CaseState caseState) {
        if (directory == null) return Optional.empty();
        return Places.municipalityNumber(where, event, caseState).flatMap(directory::municipality);
    }

    private static String area(Condition.Area area, Municipality m) {
        return switch (area) {
            case MUNICIPALITY -> m.number();
            case COUNTY -> m.county();
            case POLICE_DISTRICT -> m.policeDistrict();
            case UDI_REGION -> m.udiRegion();
            case IMDI_REGION -> m.imdiRegion();
        };
    }

    /** The present, non-null values the subject names. */
    private List<JsonNode> values(String subject, JsonNode event, CaseState caseState) {
        if (subject.startsWith(CASE_PREFIX)) {
            Optional<Object> fact = caseState == null ? Optional.empty()
                    : caseState.fact(subject.substring(CASE_PREFIX.length()));
            return fact.map(Conditions::toNode).filter(n -> !n.isNull() && !n.isMissingNode())
                    .map(List::of).orElse(List.of());
        }
        List<JsonNode> found = pointers.computeIfAbsent(subject, EventPointer::parse).find(event);
        if (found.isEmpty()) return found;
        return found.stream().filter(n -> !n.isNull()).toList();
    }

    private static JsonNode toNode(Object fact) {
        if (fact instanceof JsonNode node) return node;
        if (fact instanceof Boolean b) return JsonNodeFactory.instance.booleanNode(b);
        if (fact instanceof CharSequence s) return JsonNodeFactory.instance.textNode(s.toString());
        return JSON.valueToTree(fact);
    }

    private static boolean anyEquals(List<JsonNode> values, JsonNode expected) {
        for (JsonNode v : values) {
            if (same(v, expected)) return true;
        }
        return false;
    }

    private static boolean in(List<JsonNode> values, JsonNode options) {
        if (options == null || !options.isArray()) return false;
        for (JsonNode option : options) {
            if (anyEquals(values, option)) return true;
        }
        return false;
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) return false;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    /** True when some value is an RFC 3339 date-time with 0 ≤ value − event time ≤ the given hours. */
    private static boolean withinHours(List<JsonNode> values, JsonNode hours, JsonNode event) {
        if (values.isEmpty() || hours == null || !hours.isNumber()) return false;
        Optional<OffsetDateTime> time = dateTime(event.path("time"));
        if (time.isEmpty()) return false;
        BigDecimal nanos = hours.decimalValue().multiply(NANOS_PER_HOUR);
        if (nanos.signum() < 0) return false;
        Duration limit = nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(nanos.longValue());
        for (JsonNode v : values) {
            Optional<OffsetDateTime> at = dateTime(v);
            if (at.isEmpty()) continue;
            Duration ahead = Duration.between(time.get(), at.get());
            if (!ahead.isNegative() && ahead.compareTo(limit) <= 0) return true;
        }
        return false;
    }

    /** True when some value is an RFC 3339 date-time strictly after the event's time. */
    private static boolean ahead(List<JsonNode> values, JsonNode event) {
        Optional<OffsetDateTime> time = dateTime(event.path("time"));
        if (time.isEmpty()) return false;
        for (JsonNode v : values) {
            Optional<OffsetDateTime> at = dateTime(v);
            if (at.isPresent() && at.get().isAfter(time.get())) return true;
        }
        return false;
    }

    static Optional<OffsetDateTime> dateTime(JsonNode node) {
        if (node == null || !node.isTextual()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(node.asText(), RFC_3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
