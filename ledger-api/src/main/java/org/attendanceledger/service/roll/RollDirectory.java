package org.attendanceledger.service.roll;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The write side's lookup of who is on roll when: one row per stay, starting day to last day on roll. */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class RollDirectory {

    private final JdbcTemplate jdbc;

    public RollDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PupilAdmitted event) {
        jdbc.update("INSERT INTO roll_period (urn, upn, starting_day, year_group) VALUES (?, ?, ?, ?)",
                event.urn(), event.upn(), Date.valueOf(event.startingDay()), event.yearGroup());
    }

    @EventHandler
    void on(PupilDeleted event) {
        jdbc.update("UPDATE roll_period SET last_day_on_roll = ? WHERE urn = ? AND upn = ? AND starting_day = ?",
                Date.valueOf(event.lastDayOnRoll()), event.urn(), event.upn(), Date.valueOf(event.startingDay()));
    }

    /** Every stay of the given pupils at the school. */
    public Map<String, List<RollPeriod>> periods(String urn, Collection<String> upns) {
        Map<String, List<RollPeriod>> byUpn = new HashMap<>();
        if (upns.isEmpty()) {
            return byUpn;
        }
        jdbc.query("""
                SELECT upn, starting_day, last_day_on_roll, year_group FROM roll_period
                WHERE urn = ? AND upn = ANY (?)""",
                rs -> {
                    Date last = rs.getDate("last_day_on_roll");
                    byUpn.computeIfAbsent(rs.getString("upn"), k -> new ArrayList<>()).add(new RollPeriod(
                            rs.getDate("starting_day").toLocalDate(), last == null ? null : last.toLocalDate(),
                            rs.getString("year_group")));
                },
                urn, upns.toArray(String[]::new));
        return byUpn;
    }

    public boolean isKnown(String urn, String upn) {
        return !periods(urn, List.of(upn)).isEmpty();
    }

    /** One stay on roll; {@code lastDayOnRoll} is null while the pupil is still on roll. */
    public record RollPeriod(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup) {

        public boolean covers(LocalDate date) {
            return !date.isBefore(startingDay) && (lastDayOnRoll == null || !date.isAfter(lastDayOnRoll));
        }
    }

    public static Optional<RollPeriod> periodCovering(List<RollPeriod> periods, LocalDate date) {
        return periods == null ? Optional.empty() : periods.stream().filter(p -> p.covers(date)).findFirst();
    }
}
