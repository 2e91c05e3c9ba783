package org.attendanceledger.projections;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection's savepoints, and how it tells a failure of the data from one of the database: used to recover from
 * a batch whose <em>write</em> fails (a handler that fails is the dead-letter invoker's business already). A batch is
 * written once, at commit, for all its events; if the write fails on the data (a constraint, a value the database
 * refuses, a bug in what the batch computed), retrying the same batch would fail the same way forever and stop its
 * segment. So the events of a batch whose write failed are remembered, and when the
 * processor hands them over again each is projected alone, in a savepoint of the processor's transaction: the one
 * whose write fails is rolled back to its savepoint and thrown from its handler, where Axon's dead-letter invoker
 * holds it and its school's later events, and every other event is written.
 *
 * <p>A failure of the database itself (the connection, the server shutting down, a deadlock) says nothing about the
 * event: it fails the whole batch, as before, and the processor retries it after its back-off.
 */
@Component
class ProjectionWrites {

    /** SQLSTATE classes of failures of the database, not of the data: connection, resources, shutdown, rollback. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

    private final TransactionTemplate savepoint;

    ProjectionWrites(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        // Within the processor's transaction NESTED is a savepoint: a failed write is undone alone.
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Writes in a savepoint: on failure the savepoint is rolled back and the failure thrown. */
    void inSavepoint(Runnable write) {
        savepoint.executeWithoutResult(status -> write.run());
    }

    /** Whether a failure is the database's (retry the batch) rather than the data's (hold the event). */
    static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
