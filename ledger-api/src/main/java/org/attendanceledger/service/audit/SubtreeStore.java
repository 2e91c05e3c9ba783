package org.attendanceledger.service.audit;

import java.util.List;
import org.attendanceledger.audit.MerkleTree;
import org.attendanceledger.audit.SubtreeHashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The log's complete subtrees: leaf hashes (level 0) in audit_log_entry, levels from {@value #LOWEST_STORED_LEVEL} up
 * in audit_log_subtree. The levels between are hashed from their at most 8 leaves, read in
 * one range of the leaves' primary key: a proof still reads O(log n) rows, and the appender writes one subtree row per
 * 8 leaves instead of one per leaf (issue 9: the log's cost on every mark). Logs appended before V460 also hold the
 * lower levels; they are simply not read.
 */
@Component
public class SubtreeStore implements SubtreeHashes {

    /** The lowest level above the leaves that audit_log_subtree holds. */
    public static final int LOWEST_STORED_LEVEL = 4;

    private final JdbcTemplate jdbc;

    public SubtreeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the appender stores a completed subtree of this level (the leaves are stored as entries). */
    public static boolean stored(int level) {
        return level >= LOWEST_STORED_LEVEL;
    }

    @Override
    public byte[] hash(int level, long index) {
        if (level > 0 && !stored(level)) {
            long first = index << level;
            List<byte[]> leaves = jdbc.queryForList("SELECT leaf_hash FROM audit_log_entry "
                    + "WHERE log_index >= ? AND log_index < ? ORDER BY log_index", byte[].class, first, first
                    + (1L << level));
            if (leaves.size() != 1 << level) {
                throw incomplete(level, index);
            }
            return MerkleTree.completeSubtree(leaves);
        }
        List<byte[]> found = level == 0
                ? jdbc.queryForList("SELECT leaf_hash FROM audit_log_entry WHERE log_index = ?", byte[].class, index)
                : jdbc.queryForList("SELECT hash FROM audit_log_subtree WHERE level = ? AND position = ?",
                        byte[].class, level, index);
        if (found.isEmpty()) {
            throw incomplete(level, index);
        }
        return found.get(0);
    }

    private static IllegalStateException incomplete(int level, long index) {
        return new IllegalStateException("the log has no complete subtree " + level + "/" + index);
    }

    /** The number of leaves in the log. */
    public long size() {
        Long max = jdbc.queryForObject("SELECT max(log_index) FROM audit_log_entry", Long.class);
        return max == null ? 0 : max + 1;
    }
}
