package org.attendanceledger.service.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The logIndex of events that have been logged, by event id (an event not yet logged has none). */
@Component
public class LogIndexes {

    private final JdbcTemplate jdbc;

    public LogIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Long> of(Collection<String> eventIds) {
        Map<String, Long> indexes = new HashMap<>();
        if (!eventIds.isEmpty()) {
            // Through the event store's unique index on the event id, then the log's on global_index (V460).
            jdbc.query("SELECT d.event_identifier, a.log_index FROM domain_event_entry d "
                            + "JOIN audit_log_entry a ON a.global_index = d.global_index "
                            + "WHERE d.event_identifier = ANY (?)",
                    rs -> {
                        indexes.put(rs.getString(1), rs.getLong(2));
                    }, (Object) eventIds.toArray(String[]::new));
        }
        return indexes;
    }
}
