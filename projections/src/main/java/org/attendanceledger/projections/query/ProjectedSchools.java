package org.attendanceledger.projections.query;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which schools belong to which local authority, as the projection knows them. */
@Component
public class ProjectedSchools {

    private final JdbcTemplate jdbc;

    public ProjectedSchools(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The URNs of the LA's schools, in order; none for an LA the ledger does not know. */
    public List<String> urnsIn(String laCode) {
        return jdbc.queryForList("SELECT urn FROM projection_school WHERE la_code = ? ORDER BY urn", String.class,
                laCode);
    }
}
