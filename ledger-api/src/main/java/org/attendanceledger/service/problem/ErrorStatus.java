package org.attendanceledger.service.problem;

import org.attendanceledger.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** The HTTP status each rule violation maps to, as the contract fixes it. */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case MARK_CONFLICT, IDEMPOTENCY_CONFLICT, VERSION_CONFLICT, ALREADY_ON_ROLL, SCHOOL_EXISTS,
                 PENALTY_NOTICE_LIMIT, OUTCOME_ALREADY_RECORDED, LEAVE_ALREADY_DECIDED -> HttpStatus.CONFLICT;
            case UNKNOWN_SCHOOL, UNKNOWN_PUPIL, NO_ORIGINAL_ENTRY, UNKNOWN_API_KEY, UNKNOWN_PENALTY_NOTICE,
                 UNKNOWN_LEAVE_REQUEST, TREE_HEAD_NOT_FOUND, UNKNOWN_SIGNING_KEY, NOT_FOUND, UNKNOWN_DEAD_LETTER,
                 UNKNOWN_REBUILD_JOB ->
                    HttpStatus.NOT_FOUND;
            case DATABASE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case ACTOR_NOT_AUTHORISED, FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case MALFORMED_REQUEST, REQUEST_REJECTED -> HttpStatus.BAD_REQUEST;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case PROJECTIONS_CATCHING_UP, AUDIT_LOG_CATCHING_UP, REGISTER_CHANGED_DURING_READ ->
                    HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    /**
     * The code of a refusal Spring decided before any of the ledger's code ran (no such path, wrong method or media
     * type, a body that is not JSON), from its status alone.
     */
    public static ErrorCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
    }
}
