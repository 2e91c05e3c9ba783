package org.attendanceledger.projections;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.calendar.AcademicYear;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Pupils' stays on roll, with the school's year-group exceptions for the pupil, as the projection knows them. */
@Component
public class RollStays {

    private final JdbcTemplate jdbc;

    public RollStays(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<RollStay> of(PupilKey pupil) {
        return of(List.of(pupil)).getOrDefault(pupil, List.of());
    }

    /** The stays of pupils at any schools; a pupil never on roll at that school has none. */
    public Map<PupilKey, List<RollStay>> of(Collection<PupilKey> pupils) {
        return of(pupils, null);
    }

    /**
     * The stays as the ledger knew them at an instant (null: now): admissions received by then, a last day on roll
     * only if the deletion was received by then, and the latest year-group exception received by then.
     */
    public Map<PupilKey, List<RollStay>> of(Collection<PupilKey> pupils, Instant knownAt) {
        Timestamp at = KnownAt.timestamp(knownAt);
        Map<PupilKey, List<RollStay>> stays = new HashMap<>();
        if (pupils.isEmpty()) {
            return stays;
        }
        String[] urns = pupils.stream().map(PupilKey::urn).toArray(String[]::new);
        String[] upns = pupils.stream().map(PupilKey::upn).toArray(String[]::new);
        // Exceptions are rare: most pupils have none, and the map stays empty for them.
        Map<PupilKey, Map<AcademicYear, String>> exceptions = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (x.urn, x.upn, x.academic_year) x.urn, x.upn, x.academic_year, x.year_group
                FROM projection_year_group_exception x
                JOIN unnest(?::varchar[], ?::varchar[]) AS wanted (urn, upn)
                  ON x.urn = wanted.urn AND x.upn = wanted.upn
                WHERE ?::timestamptz IS NULL OR x.received_at <= ?::timestamptz
                ORDER BY x.urn, x.upn, x.academic_year, x.received_at DESC""",
                rs -> {
                    exceptions.computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")),
                            k -> new HashMap<>()).put(AcademicYear.parse(rs.getString("academic_year")),
                            rs.getString("year_group"));
                },
                urns, upns, at, at);
        jdbc.query("""
                SELECT e.urn, e.upn, e.starting_day, e.year_group,
                       CASE WHEN ?::timestamptz IS NULL OR e.deleted_received_at <= ?::timestamptz
                            THEN e.last_day_on_roll END AS last_day_on_roll
                FROM projection_enrolment e
                JOIN unnest(?::varchar[], ?::varchar[]) AS wanted (urn, upn)
                  ON e.urn = wanted.urn AND e.upn = wanted.upn
                WHERE ?::timestamptz IS NULL OR e.admitted_received_at <= ?::timestamptz""",
                rs -> {
                    PupilKey pupil = new PupilKey(rs.getString("urn"), rs.getString("upn"));
                    stays.computeIfAbsent(pupil, k -> new ArrayList<>()).add(new RollStay(
                            rs.getObject("starting_day", LocalDate.class),
                            rs.getObject("last_day_on_roll", LocalDate.class), rs.getString("year_group"),
                            exceptions.getOrDefault(pupil, Map.of())));
                },
                at, at, urns, upns, at, at);
        return stays;
    }
}
