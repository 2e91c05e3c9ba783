package org.attendanceledger.service.security;

import java.util.List;
import java.util.UUID;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.DatabaseUnavailable;
import org.attendanceledger.service.problem.ProblemHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last resort for failures no other handler knows. Messages of database and framework exceptions can quote the
 * data they failed on (a duplicate key holding a UPN, a value holding a reason), so the log gets the exception types and
 * stack frames only, under an incident id that the caller is given too. The full messages go to DEBUG. A database that
 * cannot be reached is no incident of the ledger's: 503 {@code DATABASE_UNAVAILABLE}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return SecurityProblems.unauthenticated();
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return SecurityProblems.forbidden();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (DatabaseUnavailable.causedBy(failure)) {
            // An outage, not a fault of the ledger: the health endpoint and the pool's log already say so.
            LOG.warn("Request refused: the database cannot be reached ({})", failure.getClass().getName());
            return DatabaseUnavailable.problem();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, incident {}", incident, WithoutMessages.of(failure));
        LOG.debug("Incident {} with messages", incident, failure);
        String detail = "the ledger failed unexpectedly; quote incident " + incident + " to its operator";
        return ProblemHandler.problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR, detail,
                List.of(ApiError.of(null, null, ErrorCode.INTERNAL_ERROR, detail)));
    }

    /** A copy of a failure that keeps its types, frames and causes but none of its messages. */
    static final class WithoutMessages extends RuntimeException {

        /** Bounds the copy should a cause chain ever loop. */
        private static final int MAX_CAUSES = 20;

        private WithoutMessages(Throwable original, Throwable cause) {
            super(original.getClass().getName(), cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        static WithoutMessages of(Throwable original) {
            return of(original, MAX_CAUSES);
        }

        private static WithoutMessages of(Throwable original, int causesLeft) {
            Throwable cause = original.getCause();
            boolean followCause = cause != null && cause != original && causesLeft > 0;
            return new WithoutMessages(original, followCause ? of(cause, causesLeft - 1) : null);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
