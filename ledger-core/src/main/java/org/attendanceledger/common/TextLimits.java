package org.attendanceledger.common;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The bounds every text and date a client sends must keep, in one table: the register is kept for years and read in
 * court, so a field holds what a person would write there and nothing the database or a reader would choke on. The API
 * checks every value against this table before anything is stored; the table is keyed by the field's name in the
 * contract ({@code recordedBy.name} and a school's {@code name} are both a "name").
 */
public final class TextLimits {

    /** Length of a text whose field the table does not name: enough for any code, role or
     * identifier of the contract, and short enough to quote back in an error. */
    public static final int DEFAULT_MAX_LENGTH = 200;

    /**
     * Longest value of each named field, in characters (UTF-16 units, as Java and the database's VARCHAR count them
     * for the texts that matter here). Names and positions 200, free-text reasons 2,000, staff ids 100, as issue 12
     * fixes them; the others are the widths of the columns that keep them.
     */
    public static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry("name", 200),
            Map.entry("position", 200),
            Map.entry("reason", 2000),
            Map.entry("staffId", 100),
            // The width the idempotency-key lookup has always had (V2); clients already send keys of that length.
            Map.entry("idempotencyKey", 200),
            Map.entry("yearGroup", 20),
            Map.entry("yearGroups", 20),
            Map.entry("policyVersion", 50),
            // Why leave is asked for: free text like a reason, and as likely to be health data.
            Map.entry("circumstance", 2000),
            // The LA's opaque reference for a parent (V111's column): never a name.
            Map.entry("parentRef", 100));

    /** The earliest and latest day the ledger accepts in any date or timestamp (issue 12: 1990-2100). */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1990, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);

    private TextLimits() {
    }

    public static int maxLength(String field) {
        return MAX_LENGTH.getOrDefault(field, DEFAULT_MAX_LENGTH);
    }

    /**
     * Why the value may not be stored in the field, or empty when it may. Refused everywhere: NUL (PostgreSQL cannot
     * store it in text, and it truncates strings in C readers) and lone surrogates (no valid UTF-8 exists for them).
     */
    public static Optional<String> problem(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        int max = maxLength(field);
        if (value.length() > max) {
            return Optional.of("must be at most " + max + " characters, not " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("must not contain the NUL character (at " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain a lone surrogate (at " + i + "): it is not a Unicode character");
            }
        }
        return Optional.empty();
    }

    /** Why the date may not be stored, or empty when it lies within the ledger's range. */
    public static Optional<String> problem(LocalDate date) {
        if (date == null || !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE)) {
            return Optional.empty();
        }
        return Optional.of("must lie between " + EARLIEST_DATE + " and " + LATEST_DATE + ", not " + date);
    }
}
