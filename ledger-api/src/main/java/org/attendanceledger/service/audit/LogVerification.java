package org.attendanceledger.service.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attendanceledger.audit.CompactRange;
import org.attendanceledger.audit.TreeHead;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes every leaf of a range of the log from {@code domain_event_entry} as it reads now, and checks it against
 * the stored leaf hash; from the start of the log it also rebuilds every signed head's root from the recomputed leaves
 * alone and checks each head's signature, so a forged stored hash is caught as well as a changed event.
 */
@Component
public class LogVerification {

    /** Why a leaf does not verify. */
    public enum Reason {
        /** The event at this place was changed: its leaf no longer hashes to the logged hash. */
        CHANGED,
        /** The event (or the log entry) at this place is gone. */
        MISSING,
        /** Another event now sits at this place of the store. */
        REORDERED,
        /** A signed head's root is not the root of the recomputed leaves up to its size. */
        HEAD_MISMATCH,
        /** A head's signature does not verify with the key it names. */
        BAD_SIGNATURE
    }

    public record Mismatch(long logIndex, Reason reason) {
    }

    public record Result(long treeSize, long checked, boolean ok, Mismatch firstMismatch) {
    }

    private static final int FETCH_SIZE = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final SubtreeStore subtrees;
    private final AuditLog log;

    public LogVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                           SubtreeStore subtrees, AuditLog log) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.subtrees = subtrees;
        this.log = log;
    }

    /** Checks the leaves {@code [from, to)} (default: the whole log). */
    private volatile Completed last;

    public Result verify(Long fromParam, Long toParam) {
        long treeSize = subtrees.size();
        long from = fromParam == null ? 0 : fromParam;
        long to = toParam == null ? treeSize : toParam;
        log.requireWithinLog("to", to);
        if (from > to) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.LOG_RANGE_REVERSED, "from",
                    "from must not be larger than to");
        }
        // A cursor (fetch size) streams the range instead of loading it: PostgreSQL needs a transaction for that.
        Result result = readOnly.execute(status -> check(treeSize, from, to));
        last = new Completed(Instant.now(), from, to, result);
        return result;
    }

    /** A verification this node ran: when, over which leaves {@code [from, to)}, and what it found. */
    public record Completed(Instant at, long from, long to, Result result) {
    }

    /**
     * The last verification this node ran (through the API or the auditor's page), for the auditor's page to show
     * beside the latest signed head; empty until one has run since the node started. It is not stored: a verification
     * is evidence only when re-run, and {@code ledger-verify} is the auditor's own.
     */
    public Optional<Completed> last() {
        return Optional.ofNullable(last);
    }

    private Result check(long treeSize, long from, long to) {
        Deque<AuditLog.TreeHeadView> heads = new ArrayDeque<>(from == 0 ? log.heads(to) : List.of());
        Map<String, byte[]> keys = new HashMap<>();
        jdbc.query("SELECT key_id, public_key FROM audit_log_signing_key",
                rs -> {
                    keys.put(rs.getString("key_id"), rs.getBytes("public_key"));
                });
        CompactRange recomputed = new CompactRange();
        Mismatch[] first = {headMismatch(heads, recomputed, keys)};
        long[] checked = {0};
        jdbc.query("SELECT a.log_index, a.event_identifier AS logged_event, a.leaf_hash, " + StoredEvent.COLUMNS
                        + " FROM audit_log_entry a LEFT JOIN domain_event_entry d ON d.global_index = a.global_index"
                        + " WHERE a.log_index >= ? AND a.log_index < ? ORDER BY a.log_index",
                rs -> {
                    if (first[0] != null) {
                        return;
                    }
                    long expected = from + checked[0];
                    long logIndex = rs.getLong("log_index");
                    if (logIndex != expected) {
                        first[0] = new Mismatch(expected, Reason.MISSING);
                        return;
                    }
                    byte[] stored = rs.getBytes("leaf_hash");
                    byte[] leafHash = stored;
                    if (rs.getString("event_identifier") == null) {
                        first[0] = new Mismatch(logIndex, Reason.MISSING);
                    } else if (!rs.getString("event_identifier").equals(rs.getString("logged_event"))) {
                        first[0] = new Mismatch(logIndex, Reason.REORDERED);
                    } else {
                        leafHash = StoredEvent.read(rs).leaf(logIndex, json).hash();
                        if (!MessageDigest.isEqual(leafHash, stored)) {
                            first[0] = new Mismatch(logIndex, Reason.CHANGED);
                        }
                    }
                    checked[0]++;
                    if (first[0] == null && from == 0) {
                        recomputed.append(leafHash);
                        first[0] = headMismatch(heads, recomputed, keys);
                    }
                }, from, to);
        if (first[0] == null && from + checked[0] < to) {
            first[0] = new Mismatch(from + checked[0], Reason.MISSING);
        }
        return new Result(treeSize, checked[0], first[0] == null, first[0]);
    }

    /** Checks the heads signed at the size reached so far; names the last leaf of a head that does not verify. */
    private static Mismatch headMismatch(Deque<AuditLog.TreeHeadView> heads, CompactRange recomputed,
                                         Map<String, byte[]> keys) {
        while (!heads.isEmpty() && heads.peekFirst().treeSize() == recomputed.size()) {
            AuditLog.TreeHeadView head = heads.removeFirst();
            long lastLeaf = Math.max(0, head.treeSize() - 1);
            byte[] root = Base64.getDecoder().decode(head.rootHash());
            if (!MessageDigest.isEqual(root, recomputed.root())) {
                return new Mismatch(lastLeaf, Reason.HEAD_MISMATCH);
            }
            byte[] publicKey = keys.get(head.keyId());
            byte[] signed = new TreeHead(head.treeSize(), root, head.timestamp()).signedBytes();
            if (publicKey == null || !LogSigningKey.verifies(publicKey, signed,
                    Base64.getDecoder().decode(head.signature()))) {
                return new Mismatch(lastLeaf, Reason.BAD_SIGNATURE);
            }
        }
        return null;
    }
}
