package no.budstikke.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.model.Priority;

/**
 * Finds notices by status, office, duty, priority and creation time, newest first, a bounded page at a
 * time. Paging is by keyset (the last row's creation time and id), so a page costs the same however
 * deep it is and a notice written meanwhile does not shift the pages. Metadata only, no content.
 */
public final class NoticeSearch {

    public static final int MAX_PAGE = 100;
    /** As the directory and the routing rules spell them. */
    public static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    public static final Pattern DUTY = Pattern.compile("[A-Za-z0-9_-]{1,8}");

    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(3000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Transactions transactions;

    public NoticeSearch(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * What to look for; an empty set, a null office, duty, priority or time means any.
     *
     * @param createdFrom   the earliest creation time, inclusive
     * @param createdBefore the latest creation time, exclusive
     * @param after         the last row of the previous page, null for the first page
     */
    public record Query(Set<NoticeStatus> statuses, String officeId, String duty, Priority priority, OffsetDateTime createdFrom,
                        OffsetDateTime createdBefore, Cursor after, int pageSize) {

        /** Checks each filter; the message names the filter and what it takes, never the value given. */
        public Query {
            statuses = statuses == null || statuses.isEmpty() ? EnumSet.allOf(NoticeStatus.class) : EnumSet.copyOf(statuses);
            if (officeId != null && !OFFICE_ID.matcher(officeId).matches()) {
                throw new IllegalArgumentException("the office must be an office id of the directory: letters, digits and . _ : -");
            }
            if (duty != null && !DUTY.matcher(duty).matches()) {
                throw new IllegalArgumentException("the duty must be a duty id such as O12: at most 8 letters and digits");
            }
            if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
                throw new IllegalArgumentException("the start of the time range must come before its end");
            }
            if (pageSize < 1 || pageSize > MAX_PAGE) {
                throw new IllegalArgumentException("the page size must be 1 to " + MAX_PAGE);
            }
        }

        /** All notices, the first page of the given size. */
        public static Query all(int pageSize) {
            return new Query(Set.of(), null, null, null, null, null, null, pageSize);
        }

        /** The same query, the page after {@code cursor}. */
        public Query after(Cursor cursor) {
            return new Query(statuses, officeId, duty, priority, createdFrom, createdBefore, cursor, pageSize);
        }
    }

    /** Where a page ends: the creation time and id of its last row. */
    public record Cursor(OffsetDateTime createdAt, String noticeId) {

        private static final Pattern TOKEN = Pattern.compile("(\\d{1,12})\\.(\\d{1,9})-([0-9A-Za-z]{1,32})");

        /** The cursor as text for a link: seconds.nanos-id. */
        public String token() {
            Instant t = createdAt.toInstant();
            return t.getEpochSecond() + "." + t.getNano() + "-" + noticeId;
        }

        /** The cursor of a token, empty if it is not one. */
        public static Optional<Cursor> parse(String token) {
            if (token == null) return Optional.empty();
            Matcher m = TOKEN.matcher(token);
            if (!m.matches()) return Optional.empty();
            Instant t = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            return Optional.of(new Cursor(t.atOffset(ZoneOffset.UTC), m.group(3)));
        }
    }

    /** A notice found: where it is in delivery, no content. */
    public record Found(String noticeId, String eventKey, String duty, boolean copy, String priority, String officeId, String channel,
                        NoticeStatus status, int attempts, OffsetDateTime createdAt, OffsetDateTime statusChangedAt,
                        OffsetDateTime deliveredAt) {
    }

    /** @param next the cursor of the next page, empty on the last page */
    public record Page(List<Found> notices, Optional<Cursor> next) {
    }

    public Page search(Query q) {
        List<Integer> ranks = q.priority() == null ? List.of(0, 1, 2) : List.of(q.priority().ordinal());
        OffsetDateTime before = q.createdBefore() == null ? LATEST : q.createdBefore();
        OffsetDateTime beforeAt = before;
        String beforeId = "";
        // The keyset of a later page lies inside the range unless the range was narrowed since.
        if (q.after() != null && q.after().createdAt().isBefore(before)) {
            beforeAt = q.after().createdAt();
            beforeId = q.after().noticeId();
        }
        OffsetDateTime at = beforeAt;
        String id = beforeId;
        List<Found> rows = transactions.read(tx -> tx.attach(NoticeSearchSql.class).search(List.copyOf(q.statuses()), ranks,
                q.officeId() == null, q.officeId() == null ? "" : q.officeId(), q.duty() == null, q.duty() == null ? "" : q.duty(),
                q.createdFrom() == null ? EARLIEST : q.createdFrom(), at, id, q.pageSize() + 1));
        if (rows.size() <= q.pageSize()) return new Page(rows, Optional.empty());
        List<Found> page = rows.subList(0, q.pageSize());
        Found last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), Optional.of(new Cursor(last.createdAt(), last.noticeId())));
    }
}
