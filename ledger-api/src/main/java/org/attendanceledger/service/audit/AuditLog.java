package org.attendanceledger.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.attendanceledger.audit.LogLeaf;
import org.attendanceledger.audit.MerkleTree;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.SchoolScope;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The reads of the tamper-evident log: keys, signed heads, entries and proofs, as the contract shapes them. */
@Component
public class AuditLog {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SubtreeStore subtrees;
    private final LogSigningKey key;

    public AuditLog(JdbcTemplate jdbc, ObjectMapper json, SubtreeStore subtrees, LogSigningKey key) {
        this.jdbc = jdbc;
        this.json = json;
        this.subtrees = subtrees;
        this.key = key;
    }

    public record PublicKeyView(String keyId, String algorithm, String publicKey) {
    }

    public record TreeHeadView(long treeSize, String rootHash, String timestamp, String keyId, String signature) {
    }

    public record Entry(long logIndex, String leaf, String leafHash, JsonNode event) {
    }

    public record EntriesPage(List<Entry> entries, Long next) {
    }

    public record InclusionProof(long logIndex, long treeSize, String leafHash, List<String> auditPath) {
    }

    public record ConsistencyProof(long first, long second, List<String> consistencyPath) {
    }

    /** The current signing key, or an earlier one by its keyId. */
    public PublicKeyView publicKey(String keyId) {
        if (keyId == null || keyId.equals(key.keyId())) {
            return new PublicKeyView(key.keyId(), LogSigningKey.ALGORITHM, BASE64.encodeToString(key.publicKeyDer()));
        }
        List<byte[]> found = jdbc.queryForList("SELECT public_key FROM audit_log_signing_key WHERE key_id = ?",
                byte[].class, keyId);
        if (found.isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_SIGNING_KEY, "keyId",
                    "no log signing key has that keyId");
        }
        return new PublicKeyView(keyId, LogSigningKey.ALGORITHM, BASE64.encodeToString(found.get(0)));
    }

    /** The latest signed head, or the one signed at exactly {@code treeSize}. */
    public TreeHeadView treeHead(Long treeSize) {
        List<TreeHeadView> heads;
        if (treeSize == null) {
            heads = jdbc.query("SELECT * FROM audit_log_tree_head ORDER BY tree_size DESC LIMIT 1", this::head);
        } else {
            requireWithinLog("treeSize", treeSize);
            heads = jdbc.query("SELECT * FROM audit_log_tree_head WHERE tree_size = ?", this::head, treeSize);
        }
        if (heads.isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.TREE_HEAD_NOT_FOUND, "treeSize",
                    treeSize == null ? "no tree head has been signed yet"
                            : "no tree head was signed at exactly that size; heads are signed every few seconds");
        }
        return heads.get(0);
    }

    /** Every signed head, oldest first (for verification). */
    List<TreeHeadView> heads(long upToSize) {
        return jdbc.query("SELECT * FROM audit_log_tree_head WHERE tree_size <= ? ORDER BY tree_size", this::head,
                upToSize);
    }

    private TreeHeadView head(ResultSet rs, int row) throws SQLException {
        return new TreeHeadView(rs.getLong("tree_size"), BASE64.encodeToString(rs.getBytes("root_hash")),
                rs.getString("signed_at"), rs.getString("key_id"), BASE64.encodeToString(rs.getBytes("signature")));
    }

    /**
     * Entries from {@code start}, in log order. A scoped caller gets only its schools' entries; the indexes of the
     * others are skipped, never shown.
     */
    public EntriesPage entries(long start, int limit, SchoolScope scope) {
        String select = "SELECT a.log_index, a.leaf_hash, " + StoredEvent.COLUMNS
                + " FROM audit_log_entry a LEFT JOIN domain_event_entry d ON d.global_index = a.global_index "
                + "WHERE a.log_index >= ? ";
        List<Entry> entries = scope.everySchool()
                ? jdbc.query(select + "ORDER BY a.log_index LIMIT ?", this::entry, start, limit)
                : jdbc.query(select + "AND a.school_urn = ANY (?) ORDER BY a.log_index LIMIT ?", this::entry, start,
                scope.urns().toArray(String[]::new), limit);
        Long next = entries.isEmpty() ? null : entries.get(entries.size() - 1).logIndex() + 1;
        return new EntriesPage(entries, next);
    }

    /** An entry whose event row is gone (only a superuser could remove it) is served with no leaf and no event. */
    private Entry entry(ResultSet rs, int row) throws SQLException {
        long logIndex = rs.getLong("log_index");
        String leafHash = BASE64.encodeToString(rs.getBytes("leaf_hash"));
        if (rs.getString("event_identifier") == null) {
            return new Entry(logIndex, null, leafHash, null);
        }
        LogLeaf leaf = StoredEvent.read(rs).leaf(logIndex, json);
        return new Entry(logIndex, BASE64.encodeToString(leaf.bytes()), leafHash, StoredEvent.parse(json,
                leaf.json()));
    }

    /** The audit path of a leaf in the tree of {@code treeSize} (default: the latest signed head's size). */
    public InclusionProof inclusion(long logIndex, Long treeSize) {
        long size = treeSize == null ? treeHead(null).treeSize() : treeSize;
        requireWithinLog("treeSize", size);
        if (logIndex >= size) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.LOG_INDEX_OUT_OF_RANGE,
                    "logIndex", "logIndex must be below treeSize (" + size + ")");
        }
        List<String> path = MerkleTree.inclusionProof(logIndex, size, subtrees).stream()
                .map(BASE64::encodeToString).toList();
        return new InclusionProof(logIndex, size, BASE64.encodeToString(subtrees.hash(0, logIndex)), path);
    }

    public ConsistencyProof consistency(long first, long second) {
        if (first > second) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.LOG_RANGE_REVERSED, "first",
                    "first must not be larger than second");
        }
        requireWithinLog("second", second);
        List<String> path = MerkleTree.consistencyProof(first, second, subtrees).stream()
                .map(BASE64::encodeToString).toList();
        return new ConsistencyProof(first, second, path);
    }

    /** The log's size now; a size beyond it is refused, never answered with a guess. */
    long requireWithinLog(String field, long size) {
        long logSize = subtrees.size();
        if (size > logSize) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.TREE_SIZE_BEYOND_LOG, field,
                    field + " is larger than the log (" + logSize + " entries)");
        }
        return logSize;
    }
}
