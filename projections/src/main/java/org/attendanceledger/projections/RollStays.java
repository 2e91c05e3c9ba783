package org.attendanceledger.projections;

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
        Map<PupilKey, List<RollStay>> stays = new HashMap<>();
        if (pupils.isEmpty()) {
            return stays;
        }
        String[] urns = pupils.stream().map(PupilKey::urn).toArray(String[]::new);
        String[] upns = pupils.stream().map(PupilKey::upn).toArray(String[]::new);
        // Exceptions are rare: most pupils have none, and the map stays empty for them.
        Map<PupilKey, Map<AcademicYear, String>> exceptions = new HashMap<>();
        jdbc.query("""
                SELECT x.urn, x.upn, x.academic_year, x.year_group
                FROM projection_year_group_exception x
                JOIN unnest(?::varchar[], ?::varchar[]) AS wanted (urn, upn)
                  ON x.urn = wanted.urn AND x.upn = wanted.upn""",
                rs -> {
                    exceptions.computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")),
                            k -> new HashMap<>()).put(AcademicYear.parse(rs.getString("academic_year")),
                            rs.getString("year_group"));
                },
                urns, upns);
        jdbc.query("""
                SELECT e.urn, e.upn, e.starting_day, e.last_day_on_roll, e.year_group
                FROM projection_enrolment e
                JOIN unnest(?::varchar[], ?::varchar[]) AS wanted (urn, upn)
                  ON e.urn = wanted.urn AND e.upn = wanted.upn""",
                rs -> {
                    PupilKey pupil = new PupilKey(rs.getString("urn"), rs.getString("upn"));
                    stays.computeIfAbsent(pupil, k -> new ArrayList<>()).add(new RollStay(
                            rs.getObject("starting_day", LocalDate.class),
                            rs.getObject("last_day_on_roll", LocalDate.class), rs.getString("year_group"),
                            exceptions.getOrDefault(pupil, Map.of())));
                },
                urns, upns);
        return stays;
    }
}
