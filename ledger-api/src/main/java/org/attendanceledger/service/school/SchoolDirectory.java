package org.attendanceledger.service.school;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.common.Actor;
import org.attendanceledger.projections.KnownAt;
import org.attendanceledger.school.RegisterPolicies;
import org.attendanceledger.school.RegisterPolicy;
import org.attendanceledger.school.api.AutomaticNConversionSet;
import org.attendanceledger.school.api.RegisterPolicyChanged;
import org.attendanceledger.school.api.SchoolRegistered;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The write side's lookup of schools and their register policies, kept in step with the school events. */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class SchoolDirectory {

    private final JdbcTemplate jdbc;

    public SchoolDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SchoolRegistered event) {
        jdbc.update("""
                INSERT INTO school (urn, name, la_code, am_register_start, pm_register_start,
                                    register_window_minutes, closing_instant_is_late, am_session_end, pm_session_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.urn(), event.name(), event.laCode(), Time.valueOf(event.amRegisterStart()),
                Time.valueOf(event.pmRegisterStart()), event.registerWindowMinutes(), event.closingInstantIsLate(),
                time(event.amSessionEnd()), time(event.pmSessionEnd()));
    }

    @EventHandler
    void on(RegisterPolicyChanged event, EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO register_policy_change (urn, effective_from, am_register_start, pm_register_start,
                    register_window_minutes, closing_instant_is_late, am_session_end, pm_session_end, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.urn(), Date.valueOf(event.effectiveFrom()), Time.valueOf(event.amRegisterStart()),
                Time.valueOf(event.pmRegisterStart()), event.registerWindowMinutes(), event.closingInstantIsLate(),
                time(event.amSessionEnd()), time(event.pmSessionEnd()), RequestMetadata.receivedAt(message));
    }

    private static Time time(LocalTime time) {
        return time == null ? null : Time.valueOf(time);
    }

    @EventHandler
    void on(AutomaticNConversionSet event) {
        Actor owner = event.owner();
        jdbc.update("""
                UPDATE school SET n_conversion_enabled = ?, n_conversion_owner_name = ?,
                    n_conversion_owner_position = ?, n_conversion_owner_staff_id = ?, n_conversion_policy_version = ?
                WHERE urn = ?""",
                event.enabled(), owner == null ? null : owner.name(), owner == null ? null : owner.position(),
                owner == null ? null : owner.staffId(), event.policyVersion(), event.urn());
    }

    /** The school's automatic N conversion policy, if it has one switched on. */
    public Optional<NConversionPolicy> nConversionPolicy(String urn) {
        return jdbc.query("""
                SELECT n_conversion_owner_name, n_conversion_owner_position, n_conversion_owner_staff_id,
                       n_conversion_policy_version
                FROM school WHERE urn = ? AND n_conversion_enabled""",
                (rs, i) -> new NConversionPolicy(new Actor(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4)),
                urn).stream().findFirst();
    }

    /** The schools that convert overdue N marks automatically. */
    public List<String> schoolsConvertingN() {
        return jdbc.queryForList("SELECT urn FROM school WHERE n_conversion_enabled ORDER BY urn", String.class);
    }

    /** Who owns the conversion rule and which version of the school's policy it applies. */
    public record NConversionPolicy(Actor owner, String policyVersion) {
    }

    public Optional<SchoolRecord> find(String urn) {
        return find(urn, null);
    }

    /**
     * The school with the register policies the ledger had received by {@code knownAt} (null: every one): a change
     * received later did not yet decide when a register closed.
     */
    public Optional<SchoolRecord> find(String urn, Instant knownAt) {
        List<SchoolRecord> found = jdbc.query("""
                SELECT urn, name, la_code, am_register_start, pm_register_start, register_window_minutes,
                       closing_instant_is_late, am_session_end, pm_session_end
                FROM school WHERE urn = ?""",
                (rs, i) -> new SchoolRecord(rs.getString("urn"), rs.getString("name"), rs.getString("la_code"),
                        RegisterPolicies.only(policy(rs))),
                urn);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<LocalDate, RegisterPolicy> changes = new HashMap<>();
        Timestamp at = KnownAt.timestamp(knownAt);
        jdbc.query("""
                SELECT effective_from, am_register_start, pm_register_start, register_window_minutes,
                       closing_instant_is_late, am_session_end, pm_session_end
                FROM register_policy_change
                WHERE urn = ? AND (?::timestamptz IS NULL OR received_at IS NULL OR received_at <= ?::timestamptz)""",
                rs -> {
                    changes.put(rs.getObject("effective_from", LocalDate.class), policy(rs));
                },
                urn, at, at);
        SchoolRecord school = found.get(0);
        return Optional.of(changes.isEmpty() ? school : new SchoolRecord(school.urn(), school.name(), school.laCode(),
                new RegisterPolicies(school.registerPolicies().first(), changes)));
    }

    private static RegisterPolicy policy(ResultSet rs) throws SQLException {
        return new RegisterPolicy(rs.getTime("am_register_start").toLocalTime(),
                rs.getTime("pm_register_start").toLocalTime(), rs.getInt("register_window_minutes"),
                rs.getBoolean("closing_instant_is_late"), localTime(rs, "am_session_end"),
                localTime(rs, "pm_session_end"));
    }

    private static LocalTime localTime(ResultSet rs, String column) throws SQLException {
        Time time = rs.getTime(column);
        return time == null ? null : time.toLocalTime();
    }

    /** Whether the school holds an L or U mark for a session on or after the date (judged under the policy then). */
    public boolean hasLatenessMarksFrom(String urn, LocalDate from) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM register_entry
                               WHERE urn = ? AND session_date >= ? AND code IN ('L', 'U'))""",
                Boolean.class, urn, Date.valueOf(from)));
    }

    /** A school as the write side needs it, with its register policies over time. */
    public record SchoolRecord(String urn, String name, String laCode, RegisterPolicies registerPolicies) {

        /** The register policy for the sessions of this date. */
        public RegisterPolicy registerPolicy(LocalDate sessionDate) {
            return registerPolicies.on(sessionDate);
        }
    }
}
