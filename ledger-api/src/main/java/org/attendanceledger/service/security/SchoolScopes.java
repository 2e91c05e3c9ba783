package org.attendanceledger.service.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers scope questions from the write side's school lookup, which is updated in the same transaction as the school
 * events: a school is in its LA's scope from the moment it is registered.
 */
@Component
public class SchoolScopes {

    private final JdbcTemplate jdbc;

    public SchoolScopes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> laCodeOf(String urn) {
        return jdbc.queryForList("SELECT la_code FROM school WHERE urn = ?", String.class, urn).stream().findFirst();
    }

    /** Every school the caller's key takes in: those it names and those of the LAs it names. */
    public SchoolScope of(LedgerPrincipal caller) {
        if (caller.seesEverySchool()) {
            return SchoolScope.allSchools();
        }
        Set<String> urns = new HashSet<>(caller.schools());
        if (!caller.las().isEmpty()) {
            urns.addAll(jdbc.queryForList("SELECT urn FROM school WHERE la_code = ANY (?)", String.class,
                    (Object) caller.las().toArray(String[]::new)));
        }
        return new SchoolScope(false, urns);
    }
}
