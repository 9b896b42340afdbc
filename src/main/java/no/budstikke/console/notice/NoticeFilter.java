package no.budstikke.console.notice;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeSearch;
import no.budstikke.store.NoticeStatus;

/**
 * The search form of Meldinger, read from the query string: status, office, duty, priority and a
 * date range (Norwegian days, the last one included), and the page to continue from. None of these
 * is personal data, so they may travel in a URL. Each mistake is named in Bokmål, without echoing
 * the value.
 *
 * @param status   a {@link NoticeStatus} name, or empty for all
 * @param priority a {@link Priority} name, or empty for all
 * @param from     yyyy-MM-dd, or empty
 * @param to       yyyy-MM-dd, or empty
 * @param page     the cursor token of the page to show, or empty for the first
 */
public record NoticeFilter(String status, String office, String duty, String priority, String from, String to, String page) {

    static final int PAGE_SIZE = 25;
    private static final Set<String> FIELDS = Set.of("status", "kontor", "plikt", "prioritet", "fra", "til", "side");

    /** The form as read, and either the search it asks for or what is wrong with it. */
    public record Read(NoticeFilter filter, Optional<NoticeSearch.Query> query, List<String> problems) {
    }

    public static NoticeFilter empty() {
        return new NoticeFilter("", "", "", "", "", "", "");
    }

    /** Reads a raw (still encoded) query string; null or blank is the empty form. */
    public static Read read(String rawQuery) {
        Map<String, String> q = fields(rawQuery);
        NoticeFilter f = new NoticeFilter(q.getOrDefault("status", ""), q.getOrDefault("kontor", ""), q.getOrDefault("plikt", ""),
                q.getOrDefault("prioritet", ""), q.getOrDefault("fra", ""), q.getOrDefault("til", ""), q.getOrDefault("side", ""));
        return f.check();
    }

    private Read check() {
        List<String> problems = new ArrayList<>();
        NoticeStatus s = null;
        if (!status.isEmpty()) {
            try {
                s = NoticeStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                problems.add("Status må være en av dem i listen.");
            }
        }
        Priority p = null;
        if (!priority.isEmpty()) {
            try {
                p = Priority.valueOf(priority);
            } catch (IllegalArgumentException e) {
                problems.add("Prioritet må være en av dem i listen.");
            }
        }
        if (!office.isEmpty() && !NoticeSearch.OFFICE_ID.matcher(office).matches()) {
            problems.add("Kontor må være et kontor-id fra katalogen, for eksempel police-oslo (bokstaver, tall og . _ : -).");
        }
        if (!duty.isEmpty() && !NoticeSearch.DUTY.matcher(duty).matches()) {
            problems.add("Plikt må være et plikt-id, for eksempel O21 (høyst 8 bokstaver og tall).");
        }
        OffsetDateTime start = day(from, "Fra", problems);
        OffsetDateTime end = day(to, "Til", problems);
        if (end != null) end = end.plusDays(1); // the last day is included
        if (start != null && end != null && !start.isBefore(end)) problems.add("Fra-datoen må være før eller lik til-datoen.");
        Optional<NoticeSearch.Cursor> cursor = NoticeSearch.Cursor.parse(page);
        if (!page.isEmpty() && cursor.isEmpty()) problems.add("Lenken til neste side er ugyldig; start søket på nytt.");
        if (!problems.isEmpty()) return new Read(this, Optional.empty(), List.copyOf(problems));
        NoticeSearch.Query query = new NoticeSearch.Query(s == null ? Set.of() : Set.of(s), blankToNull(office), blankToNull(duty), p,
                start, end, cursor.orElse(null), PAGE_SIZE);
        return new Read(this, Optional.of(query), List.of());
    }

    /** The query string of this search at the page after {@code cursor}. */
    public String next(NoticeSearch.Cursor cursor) {
        return new NoticeFilter(status, office, duty, priority, from, to, cursor.token()).queryString();
    }

    /** The query string of this search's first page. */
    public String first() {
        return new NoticeFilter(status, office, duty, priority, from, to, "").queryString();
    }

    String queryString() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", status);
        q.put("kontor", office);
        q.put("plikt", duty);
        q.put("prioritet", priority);
        q.put("fra", from);
        q.put("til", to);
        q.put("side", page);
        return q.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static OffsetDateTime day(String text, String name, List<String> problems) {
        if (text.isEmpty()) return null;
        try {
            return LocalDate.parse(text).atStartOfDay(Labels.OSLO).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            problems.add(name + "-datoen må skrives som åååå-mm-dd.");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** The known fields, trimmed, each once (a repeated field keeps its first value); others are ignored. */
    private static Map<String, String> fields(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) return out;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name != null && value != null && FIELDS.contains(name)) out.putIfAbsent(name, value.trim());
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // a broken escape: the field is dropped
        }
    }
}
