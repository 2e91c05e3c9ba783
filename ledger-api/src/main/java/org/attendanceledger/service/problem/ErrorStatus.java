package org.attendanceledger.service.problem;

import org.attendanceledger.common.ErrorCode;
import org.springframework.http.HttpStatus;

/** The HTTP status each rule violation maps to, as the contract fixes it. */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case MARK_CONFLICT, IDEMPOTENCY_CONFLICT, VERSION_CONFLICT, ALREADY_ON_ROLL, SCHOOL_EXISTS,
                 PENALTY_NOTICE_LIMIT, OUTCOME_ALREADY_RECORDED, LEAVE_ALREADY_DECIDED -> HttpStatus.CONFLICT;
            case UNKNOWN_SCHOOL, UNKNOWN_PUPIL, NO_ORIGINAL_ENTRY, UNKNOWN_API_KEY, UNKNOWN_PENALTY_NOTICE,
                 UNKNOWN_LEAVE_REQUEST, TREE_HEAD_NOT_FOUND, UNKNOWN_SIGNING_KEY -> HttpStatus.NOT_FOUND;
            case ACTOR_NOT_AUTHORISED, FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case AUDIT_LOG_CATCHING_UP, REGISTER_CHANGED_DURING_READ -> HttpStatus.SERVICE_UNAVAILABLE;
            case MALFORMED_REQUEST -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
