package org.attendanceledger.service.export;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.http.HttpStatus;

/**
 * Paging of a list answer (contract "Paging and read-your-writes"): with {@code limit} (1 to {@value #MAX_LIMIT}) a list
 * answers that many items and a {@code next} cursor; {@code cursor=} continues after it. The cursor is the last item's
 * key in the list's stable order (school, pupil, then the session or date that sets the order apart), so a page never
 * repeats or skips an item when rows are added before it. Without {@code limit} a list answers whole, as before.
 */
public final class Paging {

    public static final int MAX_LIMIT = 5000;

    private Paging() {
    }

    /** One page and the cursor of the next (null when this one is the last). */
    public record Page<T>(List<T> items, String next) {
    }

    /**
     * A page of items already in their stable order, whose {@code key} sorts (as text) in that same order.
     *
     * @param limit  null for the whole list
     * @param cursor null for the first page
     */
    public static <T> Page<T> page(List<T> ordered, Integer limit, String cursor, Function<T, String> key) {
        if (limit == null) {
            if (cursor != null) {
                throw invalid("cursor", "a cursor continues a paged list: give limit too");
            }
            return new Page<>(ordered, null);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "limit is 1 to " + MAX_LIMIT + ", not " + limit);
        }
        String after = cursor == null ? null : decode(cursor);
        List<T> rest = after == null ? ordered
                : ordered.stream().filter(item -> key.apply(item).compareTo(after) > 0).toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        List<T> page = rest.subList(0, limit);
        return new Page<>(List.copyOf(page), encode(key.apply(page.get(limit - 1))));
    }

    /** A key of fields in order; URNs, UPNs, ISO dates and AM/PM all sort as text in their own order. */
    public static String key(Object... fields) {
        StringBuilder key = new StringBuilder();
        for (Object field : fields) {
            key.append(field == null ? "" : field.toString()).append('\u0001');
        }
        return key.toString();
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "not a cursor this service gave: pass the next value of the previous page");
        }
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, field, detail);
    }
}
