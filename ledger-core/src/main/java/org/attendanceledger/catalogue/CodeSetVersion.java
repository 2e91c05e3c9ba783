package org.attendanceledger.catalogue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The national code sets, each in force for sessions dated from {@link #effectiveFrom()} until the next
 * one starts. Validity depends on the session date, never on the date a mark is posted (rules 2.3).
 */
public enum CodeSetVersion {
    /** 2006 Regulations as made: includes F (extended family holiday). */
    REG06("REG06", LocalDate.of(2006, 9, 1)),
    /** The 2013 amendment withdrew F. */
    REG06_2013("REG06-2013", LocalDate.of(2013, 9, 1)),
    /** The 2016 amendment changed deletion grounds; the codes are those of 2013. */
    REG06_2016("REG06-2016", LocalDate.of(2016, 9, 1)),
    /** The 2024 Regulations (SI 2024/208). */
    REG24("REG24", LocalDate.of(2024, 8, 19));

    private final String id;
    private final LocalDate effectiveFrom;

    CodeSetVersion(String id, LocalDate effectiveFrom) {
        this.id = id;
        this.effectiveFrom = effectiveFrom;
    }

    /** The stable identifier stored on every mark event, e.g. {@code REG06-2013}. */
    public String id() {
        return id;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    /**
     * The code set that governs a session on this date. Dates before 1 Sep 2006 fall back to
     * {@link #REG06}: the ledger holds no older set, and historic imports must still be classified.
     */
    public static CodeSetVersion inForceOn(LocalDate sessionDate) {
        Objects.requireNonNull(sessionDate, "sessionDate");
        CodeSetVersion inForce = REG06;
        for (CodeSetVersion version : values()) {
            if (!sessionDate.isBefore(version.effectiveFrom)) {
                inForce = version;
            }
        }
        return inForce;
    }

    public static Optional<CodeSetVersion> fromId(String id) {
        return Arrays.stream(values()).filter(version -> version.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
