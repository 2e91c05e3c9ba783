package org.attendanceledger.common;

/**
 * Stable, machine-readable reasons a command is refused. Integrators match on these names: never rename one.
 */
public enum ErrorCode {
    INVALID_CODE,
    CODE_NOT_VALID_ON_DATE,
    NO_SUCH_SESSION,
    CALENDAR_NOT_PUBLISHED,
    NOT_ON_ROLL,
    UNKNOWN_SCHOOL,
    UNKNOWN_PUPIL,
    INVALID_UPN,
    AMENDMENT_FIELDS_MISSING,
    NO_ORIGINAL_ENTRY,
    MARK_CONFLICT,
    IDEMPOTENCY_CONFLICT,
    VERSION_CONFLICT,
    ACTOR_NOT_AUTHORISED,
    WINDOW_OVER_30_MIN,
    MINUTES_LATE_NOT_ALLOWED,
    VALIDATION_FAILED,
    /** A pupil already on roll was admitted again. */
    ALREADY_ON_ROLL,
    /** A school with that URN is already registered. */
    SCHOOL_EXISTS,
    /** The arrival time contradicts the L or U code under the school's register policy. */
    LATE_CODE_CONTRADICTS_ARRIVAL,
    /** The request body is not valid JSON or does not match the expected types. */
    MALFORMED_REQUEST,
    /** No credentials, or a token that matches no active API key. */
    UNAUTHENTICATED,
    /** The caller's key is valid but its role or scope does not cover the request. */
    FORBIDDEN,
    /** No API key has that id. */
    UNKNOWN_API_KEY,
    /** The ledger failed unexpectedly; the incident id in the response finds the details in the server's log. */
    INTERNAL_ERROR,
    /** Z (not yet on roll) posted for a pupil who is on roll that day: an absent pupil on roll gets an absence code. */
    CODE_NOT_FOR_PUPIL_ON_ROLL,
    /** # (planned closure) posted for a session the calendar keeps open: closures belong in the audited calendar. */
    NO_PLANNED_CLOSURE,
    /** Automatic N conversion asked for while the school has no enabled policy with a named owner. */
    NO_POLICY_OWNER,
    /** The projections have not yet handled every event committed before the read (e.g. during a rebuild). */
    PROJECTIONS_CATCHING_UP,
    /** The database cannot be reached (stopped, restarting or unreachable); nothing was stored, retry later. */
    DATABASE_UNAVAILABLE,
    /** No dead-lettered sequence of the projections has that identifier. */
    UNKNOWN_DEAD_LETTER
}
