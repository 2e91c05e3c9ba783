package org.attendanceledger.projections;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.RollStay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Pupils' stays on roll, as the projection knows them. */
@Component
public class RollStays {

    private final JdbcTemplate jdbc;

    public RollStays(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<RollStay> of(PupilKey pupil) {
        return of(pupil.urn(), List.of(pupil.upn())).getOrDefault(pupil, List.of());
    }

    /** The stays of the given pupils at one school; a pupil never on roll there has none. */
    public Map<PupilKey, List<RollStay>> of(String urn, Collection<String> upns) {
        Map<PupilKey, List<RollStay>> stays = new HashMap<>();
        if (!upns.isEmpty()) {
            jdbc.query("""
                    SELECT urn, upn, starting_day, last_day_on_roll, year_group FROM projection_enrolment
                    WHERE urn = ? AND upn = ANY (?)""", collectInto(stays), urn, upns.toArray(String[]::new));
        }
        return stays;
    }

    /** The stays of pupils at any schools; a pupil never on roll at that school has none. */
    public Map<PupilKey, List<RollStay>> of(Collection<PupilKey> pupils) {
        Map<PupilKey, List<RollStay>> stays = new HashMap<>();
        if (!pupils.isEmpty()) {
            jdbc.query("""
                    SELECT e.urn, e.upn, e.starting_day, e.last_day_on_roll, e.year_group
                    FROM projection_enrolment e
                    JOIN unnest(?::varchar[], ?::varchar[]) AS wanted (urn, upn)
                      ON e.urn = wanted.urn AND e.upn = wanted.upn""",
                    collectInto(stays), pupils.stream().map(PupilKey::urn).toArray(String[]::new),
                    pupils.stream().map(PupilKey::upn).toArray(String[]::new));
        }
        return stays;
    }

    /** The stays of every pupil ever on roll at the given schools. */
    public Map<PupilKey, List<RollStay>> atSchools(Collection<String> urns) {
        Map<PupilKey, List<RollStay>> stays = new HashMap<>();
        if (!urns.isEmpty()) {
            jdbc.query("""
                    SELECT urn, upn, starting_day, last_day_on_roll, year_group FROM projection_enrolment
                    WHERE urn = ANY (?)""", collectInto(stays), (Object) urns.toArray(String[]::new));
        }
        return stays;
    }

    private static RowCallbackHandler collectInto(Map<PupilKey, List<RollStay>> stays) {
        return rs -> stays
                .computeIfAbsent(new PupilKey(rs.getString("urn"), rs.getString("upn")), k -> new ArrayList<>())
                .add(new RollStay(rs.getObject("starting_day", LocalDate.class),
                        rs.getObject("last_day_on_roll", LocalDate.class), rs.getString("year_group")));
    }
}
