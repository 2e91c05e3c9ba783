package org.attendanceledger.service.roll;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.sql.Timestamp;
import org.attendanceledger.roll.api.DualRegistration;
import org.attendanceledger.roll.api.DualRole;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.roll.YearGroups;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.roll.api.YearGroupExceptionRecorded;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write side's lookup of who is on roll when: one row per stay, starting day to last day on roll, and the school's
 * year-group exceptions per pupil and academic year.
 */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class RollDirectory {

    private final JdbcTemplate jdbc;

    public RollDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PupilAdmitted event, EventMessage<?> message) {
        jdbc.update("INSERT INTO roll_period (urn, upn, starting_day, year_group) VALUES (?, ?, ?, ?)",
                event.urn(), event.upn(), Date.valueOf(event.startingDay()), event.yearGroup());
        DualRegistration dual = event.dualRegistration();
        if (dual != null) {
            Timestamp received = RequestMetadata.receivedAt(message);
            // Both directions: the admitted stay with its role, the other school's stay with the opposite one.
            String link = """
                    INSERT INTO dual_registration (urn, upn, starting_day, other_urn, other_starting_day, role,
                                                   received_at) VALUES (?, ?, ?, ?, ?, ?, ?)""";
            jdbc.update(link, event.urn(), event.upn(), Date.valueOf(event.startingDay()), dual.otherUrn(),
                    Date.valueOf(dual.otherStartingDay()), dual.role().name(), received);
            jdbc.update(link, dual.otherUrn(), event.upn(), Date.valueOf(dual.otherStartingDay()), event.urn(),
                    Date.valueOf(event.startingDay()), dual.role().opposite().name(), received);
        }
    }

    @EventHandler
    void on(PupilDeleted event) {
        // Waits for any register that has checked this pupil's roll and not yet committed (see holdForRegister), so
        // that a mark never lands after the deletion that should have refused it.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", PUPIL_ROLL_LOCKS, event.urn() + ":" + event.upn());
        jdbc.update("UPDATE roll_period SET last_day_on_roll = ? WHERE urn = ? AND upn = ? AND starting_day = ?",
                Date.valueOf(event.lastDayOnRoll()), event.urn(), event.upn(), Date.valueOf(event.startingDay()));
    }

    /** The latest exception for the pupil and academic year replaces any earlier one. */
    @EventHandler
    void on(YearGroupExceptionRecorded event) {
        jdbc.update("""
                INSERT INTO year_group_exception (urn, upn, academic_year, year_group) VALUES (?, ?, ?, ?)
                ON CONFLICT (urn, upn, academic_year) DO UPDATE SET year_group = EXCLUDED.year_group""",
                event.urn(), event.upn(), event.academicYear(), event.yearGroup());
    }

    /** Every stay of the given pupils at the school, each with the pupil's year-group exceptions. */
    public Map<String, List<RollPeriod>> periods(String urn, Collection<String> upns) {
        Map<String, List<RollPeriod>> byUpn = new HashMap<>();
        if (upns.isEmpty()) {
            return byUpn;
        }
        String[] pupils = upns.toArray(String[]::new);
        Map<String, Map<AcademicYear, String>> exceptions = new HashMap<>();
        jdbc.query("SELECT upn, academic_year, year_group FROM year_group_exception WHERE urn = ? AND upn = ANY (?)",
                rs -> {
                    exceptions.computeIfAbsent(rs.getString("upn"), k -> new TreeMap<>())
                            .put(AcademicYear.parse(rs.getString("academic_year")), rs.getString("year_group"));
                },
                urn, pupils);
        jdbc.query("""
                SELECT upn, starting_day, last_day_on_roll, year_group FROM roll_period
                WHERE urn = ? AND upn = ANY (?) ORDER BY starting_day""",
                rs -> {
                    Date last = rs.getDate("last_day_on_roll");
                    String upn = rs.getString("upn");
                    byUpn.computeIfAbsent(upn, k -> new ArrayList<>()).add(new RollPeriod(
                            rs.getDate("starting_day").toLocalDate(), last == null ? null : last.toLocalDate(),
                            rs.getString("year_group"), exceptions.getOrDefault(upn, Map.of())));
                },
                urn, pupils);
        return byUpn;
    }

    /** The advisory-lock space of pupils' stays at a school ("ROLL" in ASCII), keyed by {@code urn:upn}. */
    public static final int PUPIL_ROLL_LOCKS = 0x524F4C4C;

    /**
     * Holds the pupils' stays at the school still, for the rest of the calling transaction, so that the register
     * checking them is not overtaken by a deletion from roll: registers share these locks, and a deletion takes its
     * pupil's lock alone (in the {@code PupilDeleted} handler, inside the deleting transaction). Whichever comes first
     * commits first; a register that waited then reads the deletion and refuses the pupil as not on roll.
     * Taken in one order (sorted), and never held by two deletions at once, so they cannot deadlock.
     */
    public void holdForRegister(String urn, Collection<String> upns) {
        if (upns.isEmpty()) {
            return;
        }
        jdbc.queryForList("""
                SELECT pg_advisory_xact_lock_shared(?, hashtext(pupil)) FROM unnest(?::text[]) AS pupil ORDER BY pupil""",
                PUPIL_ROLL_LOCKS, upns.stream().sorted().distinct().map(upn -> urn + ":" + upn).toArray(String[]::new));
    }

    /** 404 {@code UNKNOWN_PUPIL} for a pupil who has never been on the school's roll. */
    public void requireKnown(String urn, String upn) {
        if (!isKnown(urn, upn)) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_PUPIL, "upn",
                    "the pupil has never been on this school's roll");
        }
    }

    /**
     * A stay's link to the pupil's stay at another school: the other school, this stay's role, and the other stay
     * (which gives the pupil's year group there).
     */
    public record DualLink(String otherUrn, DualRole role, RollPeriod otherStay) {
    }

    /** The links of the pupil's stay at the school on the date to other schools' stays covering the date too. */
    public List<DualLink> dualLinksOn(String urn, String upn, LocalDate date) {
        return periodCovering(periods(urn, List.of(upn)).get(upn), date)
                .map(stay -> dualLinks(urn, upn, stay.startingDay()).stream()
                        .filter(link -> link.otherStay().covers(date)).toList())
                .orElse(List.of());
    }

    /** Every link of one stay, whether or not the other stay is still open. */
    public List<DualLink> dualLinks(String urn, String upn, LocalDate startingDay) {
        record Row(String otherUrn, LocalDate otherStartingDay, DualRole role) {
        }
        List<Row> rows = jdbc.query("""
                SELECT other_urn, other_starting_day, role FROM dual_registration
                WHERE urn = ? AND upn = ? AND starting_day = ? ORDER BY other_urn""",
                (rs, i) -> new Row(rs.getString("other_urn"), rs.getDate("other_starting_day").toLocalDate(),
                        DualRole.valueOf(rs.getString("role"))),
                urn, upn, Date.valueOf(startingDay));
        List<DualLink> links = new ArrayList<>();
        for (Row row : rows) {
            periods(row.otherUrn(), List.of(upn)).getOrDefault(upn, List.of()).stream()
                    .filter(stay -> stay.startingDay().equals(row.otherStartingDay())).findFirst()
                    .ifPresent(stay -> links.add(new DualLink(row.otherUrn(), row.role(), stay)));
        }
        return links;
    }

    /** The pupil's stay at the school that is still open (no last day on roll yet), if any. */
    public Optional<RollPeriod> openStay(String urn, String upn) {
        return periods(urn, List.of(upn)).getOrDefault(upn, List.of()).stream()
                .filter(stay -> stay.lastDayOnRoll() == null).findFirst();
    }

    public boolean isKnown(String urn, String upn) {
        return !periods(urn, List.of(upn)).isEmpty();
    }

    /**
     * One stay on roll; {@code lastDayOnRoll} is null while the pupil is still on roll. {@code yearGroup} is the one
     * given at admission; {@code yearGroupExceptions} the school's exceptions by academic year ({@code 2025-26}).
     */
    public record RollPeriod(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup,
                             Map<AcademicYear, String> yearGroupExceptions) {

        public boolean covers(LocalDate date) {
            return !date.isBefore(startingDay) && (lastDayOnRoll == null || !date.isAfter(lastDayOnRoll));
        }

        /** The pupil's year group on the date, by the one rule of {@link YearGroups#onDate}. */
        public String yearGroupOn(LocalDate date) {
            return YearGroups.onDate(yearGroup, startingDay, yearGroupExceptions, date);
        }

        /** The stay as the domain's schedule rules take it, ending on the given day instead. */
        public RollStay endingOn(LocalDate last) {
            return new RollStay(startingDay, last, yearGroup, yearGroupExceptions);
        }
    }

    public static Optional<RollPeriod> periodCovering(List<RollPeriod> periods, LocalDate date) {
        return periods == null ? Optional.empty() : periods.stream().filter(p -> p.covers(date)).findFirst();
    }
}
