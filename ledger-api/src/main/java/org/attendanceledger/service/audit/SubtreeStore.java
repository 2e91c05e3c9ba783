package org.attendanceledger.service.audit;

import java.util.List;
import org.attendanceledger.audit.SubtreeHashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The log's stored complete subtrees: leaf hashes (level 0) in audit_log_entry, the levels above in audit_log_subtree. */
@Component
public class SubtreeStore implements SubtreeHashes {

    private final JdbcTemplate jdbc;

    public SubtreeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] hash(int level, long index) {
        List<byte[]> found = level == 0
                ? jdbc.queryForList("SELECT leaf_hash FROM audit_log_entry WHERE log_index = ?", byte[].class, index)
                : jdbc.queryForList("SELECT hash FROM audit_log_subtree WHERE level = ? AND position = ?",
                        byte[].class, level, index);
        if (found.isEmpty()) {
            throw new IllegalStateException("the log has no complete subtree " + level + "/" + index);
        }
        return found.get(0);
    }

    /** The number of leaves in the log. */
    public long size() {
        Long max = jdbc.queryForObject("SELECT max(log_index) FROM audit_log_entry", Long.class);
        return max == null ? 0 : max + 1;
    }
}
