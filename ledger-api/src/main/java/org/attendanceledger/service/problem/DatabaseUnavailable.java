package org.attendanceledger.service.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether a failure means the database could not be reached, and the 503 {@code DATABASE_UNAVAILABLE} that answers
 * it. Spring, Axon and the driver wrap the driver's exception differently on each path (a pooled connection that
 * broke, no connection within Hikari's timeout, a server shutting down), so the whole cause chain is looked at.
 */
public final class DatabaseUnavailable {

    static final String DETAIL = "the database cannot be reached just now; nothing was stored, retry later";

    /** Seconds a client should wait before retrying: about how long the embedded server takes to start again. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final int MAX_CAUSES = 20;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), and 57P01-57P03: the server is shutting down, crashed, or is still
     * starting (PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    public static ResponseEntity<ProblemDetail> problem() {
        ResponseEntity<ProblemDetail> problem = ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE,
                ErrorCode.DATABASE_UNAVAILABLE, DETAIL,
                List.of(ApiError.of(null, null, ErrorCode.DATABASE_UNAVAILABLE, DETAIL)));
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem.getBody());
    }
}
