package org.attendanceledger.catalogue;

import static org.attendanceledger.catalogue.CodeCategory.APPROVED_EDUCATIONAL_ACTIVITY;
import static org.attendanceledger.catalogue.CodeCategory.AUTHORISED_ABSENCE;
import static org.attendanceledger.catalogue.CodeCategory.NOT_POSSIBLE;
import static org.attendanceledger.catalogue.CodeCategory.PRESENT;
import static org.attendanceledger.catalogue.CodeCategory.UNAUTHORISED_ABSENCE;
import static org.attendanceledger.catalogue.CodeSetVersion.REG06;
import static org.attendanceledger.catalogue.CodeSetVersion.REG06_2013;
import static org.attendanceledger.catalogue.CodeSetVersion.REG06_2016;
import static org.attendanceledger.catalogue.CodeSetVersion.REG24;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The effective-dated national attendance code catalogue (rules 2.2 and 2.3).
 *
 * <p>Codes are case-sensitive: {@code Y1} is a code, {@code y1} is not. A mark is always validated
 * against the set in force on its <em>session</em> date, so an amendment made today to a 2023 session
 * uses the 2006-era set.
 */
public final class CodeCatalogue {

    private static final Set<CodeSetVersion> EVERY_SET = EnumSet.allOf(CodeSetVersion.class);
    private static final Set<CodeSetVersion> BEFORE_2024 = EnumSet.of(REG06, REG06_2013, REG06_2016);
    /** F (extended family holiday) was withdrawn by the 2013 amendment. */
    private static final Set<CodeSetVersion> BEFORE_2013 = EnumSet.of(REG06);
    private static final Set<CodeSetVersion> FROM_2024 = EnumSet.of(REG24);

    private static final boolean PENALTY = true;
    private static final boolean NO_PENALTY = false;
    /** May be entered before the session starts: planned closures, dual registration, planned activities and leave. */
    private static final boolean IN_ADVANCE = true;
    /** Describes what happened at the session, so it cannot be known before the session starts. */
    private static final boolean ON_THE_DAY = false;

    /**
     * The single source of the national code data. A letter whose meaning changed in 2024 has one row
     * per era, so history keeps the meaning (and category) it had when the session took place.
     */
    private static final List<Row> NATIONAL_TABLE = List.of(
            // Present
            row(EVERY_SET, "/", PRESENT, NO_PENALTY, ON_THE_DAY, "Present at the start of the AM register"),
            row(EVERY_SET, "\\", PRESENT, NO_PENALTY, ON_THE_DAY, "Present at the start of the PM register"),
            row(EVERY_SET, "L", PRESENT, NO_PENALTY, ON_THE_DAY, "Late: arrived before the register closed"),

            // Approved educational activity
            row(FROM_2024, "K", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE,
                    "At education provision arranged by the local authority, away from the school"),
            row(EVERY_SET, "V", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE,
                    "On an educational visit or trip run by or for the school"),
            row(EVERY_SET, "P", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE, "At an approved sporting activity"),
            row(EVERY_SET, "W", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE, "At approved work experience"),
            row(BEFORE_2024, "B", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE,
                    "Educated off site (not dual registration)"),
            row(FROM_2024, "B", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE,
                    "At any other supervised approved educational activity (not remote learning)"),
            // Before 2024 an interview counted as attendance; its successor J1 is authorised absence.
            row(BEFORE_2024, "J", APPROVED_EDUCATIONAL_ACTIVITY, NO_PENALTY, IN_ADVANCE, "At an interview"),

            // Authorised absence
            row(FROM_2024, "C1", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE,
                    "Leave for a regulated performance or regulated employment abroad"),
            row(EVERY_SET, "M", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Leave for a medical or dental appointment"),
            row(FROM_2024, "J1", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE,
                    "Leave for an interview for employment or a place at another educational institution"),
            row(EVERY_SET, "S", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Leave to study for a public examination"),
            row(FROM_2024, "C2", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE,
                    "Leave for a pupil of compulsory school age on an agreed temporary part-time timetable"),
            row(BEFORE_2024, "C", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Leave of absence for other authorised circumstances"),
            row(FROM_2024, "C", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Leave of absence for exceptional circumstances"),
            row(BEFORE_2024, "T", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Traveller absence"),
            row(FROM_2024, "T", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE,
                    "Mobile child travelling with a parent who travels for their trade or business"),
            row(EVERY_SET, "R", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE,
                    "Religious observance on a day set apart by the parent's religious body"),
            row(EVERY_SET, "I", AUTHORISED_ABSENCE, NO_PENALTY, ON_THE_DAY, "Illness (not medical or dental appointments)"),
            row(EVERY_SET, "E", AUTHORISED_ABSENCE, NO_PENALTY, ON_THE_DAY,
                    "Suspended or excluded, and no alternative provision made"),
            row(BEFORE_2024, "H", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Holiday agreed by the school"),
            row(BEFORE_2013, "F", AUTHORISED_ABSENCE, NO_PENALTY, IN_ADVANCE, "Agreed extended family holiday"),

            // Unauthorised absence: exactly these four count towards the penalty-notice threshold.
            row(EVERY_SET, "G", UNAUTHORISED_ABSENCE, PENALTY, ON_THE_DAY,
                    "Holiday not agreed by the school, or days in excess of the leave agreed"),
            row(EVERY_SET, "N", UNAUTHORISED_ABSENCE, PENALTY, ON_THE_DAY, "Reason for absence not yet established"),
            row(EVERY_SET, "O", UNAUTHORISED_ABSENCE, PENALTY, ON_THE_DAY, "Absent in other or unknown circumstances"),
            row(EVERY_SET, "U", UNAUTHORISED_ABSENCE, PENALTY, ON_THE_DAY,
                    "Arrived after the register closed but before the end of the session"),

            // Not possible sessions and administrative codes
            row(EVERY_SET, "D", NOT_POSSIBLE, NO_PENALTY, IN_ADVANCE,
                    "Attending another school at which the pupil is also registered"),
            row(EVERY_SET, "X", NOT_POSSIBLE, NO_PENALTY, IN_ADVANCE,
                    "Not of compulsory school age and not required to attend"),
            // Q is "not possible" per the DfE statistical classification; rules 2.2 flag it [VERIFY].
            row(FROM_2024, "Q", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend because the local authority has not made access arrangements"),
            row(BEFORE_2024, "Y", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY, "Unable to attend due to exceptional circumstances"),
            row(FROM_2024, "Y1", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend: transport normally provided is not available"),
            row(FROM_2024, "Y2", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend: widespread disruption to travel caused by an emergency"),
            row(FROM_2024, "Y3", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend: part of the school premises is unavoidably out of use"),
            row(FROM_2024, "Y4", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend: the whole school site is unexpectedly closed"),
            row(FROM_2024, "Y5", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY, "Unable to attend: in criminal justice detention"),
            row(FROM_2024, "Y6", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY,
                    "Unable to attend: public health guidance or law prevents attendance"),
            row(FROM_2024, "Y7", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY, "Unable to attend: any other unavoidable cause"),
            row(EVERY_SET, "Z", NOT_POSSIBLE, NO_PENALTY, ON_THE_DAY, "Prospective pupil not yet on the admission register"),
            row(EVERY_SET, "#", NOT_POSSIBLE, NO_PENALTY, IN_ADVANCE, "Planned whole or partial school closure"));

    private static final CodeCatalogue NATIONAL = new CodeCatalogue(NATIONAL_TABLE);

    /** Pre-built outcomes per set, so the hot path of mark ingestion allocates nothing. */
    private final Map<CodeSetVersion, Map<String, CodeCheck.Valid>> validCodesByVersion;
    private final Set<String> knownCodes;

    private CodeCatalogue(List<Row> table) {
        Map<CodeSetVersion, Map<String, CodeCheck.Valid>> byVersion = new EnumMap<>(CodeSetVersion.class);
        Set<String> known = new HashSet<>();
        for (CodeSetVersion version : CodeSetVersion.values()) {
            byVersion.put(version, new LinkedHashMap<>());
        }
        for (Row row : table) {
            known.add(row.code().code());
            for (CodeSetVersion version : row.versions()) {
                CodeCheck.Valid previous = byVersion.get(version).put(row.code().code(), new CodeCheck.Valid(row.code(), version));
                if (previous != null) {
                    throw new IllegalStateException("code " + row.code().code() + " defined twice in " + version);
                }
            }
        }
        byVersion.replaceAll((version, codes) -> Collections.unmodifiableMap(codes));
        this.validCodesByVersion = Collections.unmodifiableMap(byVersion);
        this.knownCodes = Set.copyOf(known);
    }

    /** The national catalogue for England. */
    public static CodeCatalogue national() {
        return NATIONAL;
    }

    public CodeCheck check(String code, LocalDate sessionDate) {
        Objects.requireNonNull(code, "code");
        CodeSetVersion version = CodeSetVersion.inForceOn(sessionDate);
        CodeCheck.Valid valid = validCodesByVersion.get(version).get(code);
        if (valid != null) {
            return valid;
        }
        return knownCodes.contains(code) ? new CodeCheck.NotValidOnDate(code, version) : new CodeCheck.UnknownCode(code);
    }

    public Optional<AttendanceCode> lookup(String code, LocalDate sessionDate) {
        return check(code, sessionDate) instanceof CodeCheck.Valid valid ? Optional.of(valid.code()) : Optional.empty();
    }

    /** Whether the code exists in any national set, whatever the date. */
    public boolean isKnown(String code) {
        return code != null && knownCodes.contains(code);
    }

    /**
     * The category the code had on the session date.
     *
     * @throws IllegalArgumentException if the code is not valid on that date
     */
    public CodeCategory categoryOf(String code, LocalDate sessionDate) {
        CodeCheck check = check(code, sessionDate);
        if (check instanceof CodeCheck.Valid valid) {
            return valid.code().category();
        }
        if (check instanceof CodeCheck.NotValidOnDate notValid) {
            throw new IllegalArgumentException(
                    "code " + code + " is not valid on " + sessionDate + " (code set " + notValid.version().id() + ")");
        }
        throw new IllegalArgumentException("unknown attendance code: " + code);
    }

    /** The codes of one set, in the order of the national table. */
    public Set<String> codesIn(CodeSetVersion version) {
        Objects.requireNonNull(version, "version");
        return validCodesByVersion.get(version).keySet();
    }

    private static Row row(Set<CodeSetVersion> versions, String code, CodeCategory category,
                           boolean countsTowardsPenaltyThreshold, boolean mayBeEnteredInAdvance, String meaning) {
        return new Row(new AttendanceCode(code, meaning, category, countsTowardsPenaltyThreshold,
                mayBeEnteredInAdvance), versions);
    }

    private record Row(AttendanceCode code, Set<CodeSetVersion> versions) {
    }
}
