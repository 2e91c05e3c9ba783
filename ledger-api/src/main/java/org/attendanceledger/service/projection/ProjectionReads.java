package org.attendanceledger.service.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What every projection read does before it queries: checks its parameters (unknown schools and pupils are 404, bad
 * values 422) and then waits until the projections hold the caller's own writes.
 */
@Component
public class ProjectionReads {

    private static final Pattern LA_CODE = Pattern.compile("\\d{3}");

    private final SchoolDirectory schools;
    private final RollDirectory roll;
    private final ReadYourWrites readYourWrites;

    public ProjectionReads(SchoolDirectory schools, RollDirectory roll, ReadYourWrites readYourWrites) {
        this.schools = schools;
        this.roll = roll;
        this.readYourWrites = readYourWrites;
    }

    /** A period of dates, both inclusive. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    public String school(String urn) {
        KnownSchools.require(schools, urn);
        readYourWrites.awaitSchools(List.of(urn));
        return urn;
    }

    public PupilKey pupil(String urn, String upn) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(upn);
        roll.requireKnown(urn, upn);
        readYourWrites.awaitSchools(List.of(urn));
        return new PupilKey(urn, upn);
    }

    /** An LA is known by its 3-digit code; an LA with no school in the ledger simply has nothing to list. */
    public String localAuthority(String laCode) {
        if (laCode == null || !LA_CODE.matcher(laCode).matches()) {
            throw invalid("laCode", "an LA code has 3 digits");
        }
        readYourWrites.awaitLocalAuthority(laCode);
        return laCode;
    }

    /**
     * The instant a read is answered as known at (contract "Reads as known at an instant"), or null for now. An
     * instant with an offset or in UTC; one in the future is {@code AS_KNOWN_AT_IN_FUTURE}: nothing is known of it.
     */
    public static Instant asKnownAt(String asKnownAt) {
        if (asKnownAt == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(asKnownAt).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("asKnownAt", "an instant with its offset, e.g. 2025-03-05T10:00:00Z, not '" + asKnownAt + "'");
        }
        if (instant.isAfter(Instant.now())) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.AS_KNOWN_AT_IN_FUTURE,
                    "asKnownAt", asKnownAt + " is in the future: the ledger can answer as known now at the latest");
        }
        return instant;
    }

    /** Today in England. */
    public static LocalDate today() {
        return LocalDate.now(LedgerClock.ENGLAND);
    }

    /** The day asked for, by default today; a day after today is today, since nothing has happened after it yet. */
    public static LocalDate asOf(LocalDate asOf) {
        LocalDate today = today();
        return asOf == null || asOf.isAfter(today) ? today : asOf;
    }

    /**
     * The period asked for; by default from 1 September of the academic year containing {@code to}, to today. A period
     * that runs past today stops at today (the answer's {@code to} says so): marks entered in advance, such as granted
     * leave, describe sessions that have not happened and count towards nothing yet.
     */
    public static DateRange period(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("from", "from (" + from + ") is after to (" + to + ")");
        }
        LocalDate end = asOf(to);
        LocalDate start = from == null ? AcademicYear.containing(end).firstDay() : from;
        if (start.isAfter(end)) {
            throw invalid("from", "from (" + start + ") is after today (" + end + "): the period has not begun");
        }
        return new DateRange(start, end);
    }

    /** The academic year asked for, by default the one containing {@code asOf}; asOf may not come before it. */
    public static AcademicYear academicYear(String academicYear, LocalDate asOf) {
        AcademicYear year;
        try {
            year = academicYear == null ? AcademicYear.containing(asOf) : AcademicYear.parse(academicYear);
        } catch (IllegalArgumentException e) {
            throw invalid("academicYear", e.getMessage());
        }
        if (asOf.isBefore(year.firstDay())) {
            throw invalid("asOf", "asOf (" + asOf + ") is before the academic year " + year + " begins");
        }
        return year;
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, field, detail);
    }
}
