package org.attendanceledger.service.staff;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attendanceledger.service.infrastructure.AxonConfiguration;
import org.attendanceledger.staff.AuthorisedPersons;
import org.attendanceledger.staff.api.AuthorisedPersonGranted;
import org.attendanceledger.staff.api.GrantScope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The effective-dated register of authorised persons, answering the aggregates' "did they hold a grant then?". */
@Component
@ProcessingGroup(AxonConfiguration.WRITE_SIDE)
public class StaffGrantDirectory implements AuthorisedPersons {

    private final JdbcTemplate jdbc;

    public StaffGrantDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AuthorisedPersonGranted event) {
        jdbc.update("""
                INSERT INTO staff_grant (grant_id, urn, staff_id, holder_name, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?)""",
                event.grantId(), event.urn(), event.staffId(), event.name(), Date.valueOf(event.from()),
                event.to() == null ? null : Date.valueOf(event.to()));
        for (GrantScope scope : event.scopes()) {
            jdbc.update("INSERT INTO staff_grant_scope (grant_id, scope) VALUES (?, ?)", event.grantId(), scope.name());
        }
    }

    /** A grant already stored with exactly these terms, so that a retried request does not grant twice. */
    public Optional<String> findIdentical(String urn, String staffId, Set<GrantScope> scopes, LocalDate from,
                                          LocalDate to) {
        List<String> scopeNames = scopes.stream().map(GrantScope::name).sorted().toList();
        return jdbc.query("""
                SELECT g.grant_id FROM staff_grant g
                WHERE g.urn = ? AND g.staff_id = ? AND g.valid_from = ? AND g.valid_to IS NOT DISTINCT FROM ?
                  AND (SELECT array_agg(s.scope ORDER BY s.scope) FROM staff_grant_scope s
                       WHERE s.grant_id = g.grant_id) = ?::varchar[]""",
                (rs, i) -> rs.getString(1),
                urn, staffId, Date.valueOf(from), to == null ? null : Date.valueOf(to),
                scopeNames.toArray(String[]::new)).stream().findFirst();
    }

    @Override
    public boolean holds(String urn, String staffId, GrantScope scope, LocalDate on) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM staff_grant g JOIN staff_grant_scope s ON s.grant_id = g.grant_id
                WHERE g.urn = ? AND g.staff_id = ? AND s.scope = ?
                  AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to >= ?)""",
                Integer.class, urn, staffId, scope.name(), Date.valueOf(on), Date.valueOf(on));
        return count != null && count > 0;
    }

    @Override
    public List<String> holderNames(String urn, String staffId) {
        return jdbc.queryForList("""
                SELECT DISTINCT holder_name FROM staff_grant
                WHERE urn = ? AND staff_id = ? AND holder_name IS NOT NULL ORDER BY holder_name""",
                String.class, urn, staffId);
    }
}
