package org.attendanceledger.service.school;

import java.sql.Time;
import java.util.List;
import java.util.Optional;
import org.attendanceledger.school.RegisterPolicy;
import org.attendanceledger.common.Actor;
import org.attendanceledger.school.api.AutomaticNConversionSet;
import org.attendanceledger.school.api.SchoolRegistered;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
                                    register_window_minutes, closing_instant_is_late)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.urn(), event.name(), event.laCode(), Time.valueOf(event.amRegisterStart()),
                Time.valueOf(event.pmRegisterStart()), event.registerWindowMinutes(), event.closingInstantIsLate());
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
        List<SchoolRecord> found = jdbc.query("""
                SELECT urn, name, la_code, am_register_start, pm_register_start, register_window_minutes,
                       closing_instant_is_late
                FROM school WHERE urn = ?""",
                (rs, i) -> new SchoolRecord(rs.getString("urn"), rs.getString("name"), rs.getString("la_code"),
                        new RegisterPolicy(rs.getTime("am_register_start").toLocalTime(),
                                rs.getTime("pm_register_start").toLocalTime(),
                                rs.getInt("register_window_minutes"), rs.getBoolean("closing_instant_is_late"))),
                urn);
        return found.stream().findFirst();
    }

    /** A school as the write side needs it. */
    public record SchoolRecord(String urn, String name, String laCode, RegisterPolicy registerPolicy) {
    }
}
