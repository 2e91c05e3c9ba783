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
    /** L or U with an arrival after the session had ended: such a session takes an absence code (rules 1.3). */
    ARRIVAL_AFTER_SESSION_END,
    /** A mark that only the session itself can show (present, late, ill, absent) for a session not yet started. */
    SESSION_NOT_STARTED,
    /** The person named as acting is not the holder of the staff id they gave. */
    ACTOR_MISMATCH,
    /** A register policy back-dated over L or U marks already judged under the policy then in force. */
    REGISTER_POLICY_REJUDGES_MARKS,
    /** A register-policy change must take effect after the latest one already recorded: the timeline grows forward. */
    REGISTER_POLICY_NOT_LATER,
    /** A deletion on the 20-school-days ground the ledger's own marks do not bear out; the error names the session. */
    DELETION_GROUND_NOT_MET,
    /** An automatic N conversion asked for a day after today (England): no mark is overdue on a day still to come. */
    AS_OF_IN_FUTURE,
    /** A third counted penalty notice to the same parent for the same pupil within 3 years (rules 7.3). */
    PENALTY_NOTICE_LIMIT,
    /** No penalty notice has that id in that LA. */
    UNKNOWN_PENALTY_NOTICE,
    /** A payment after the last day of the notice's payment period: the LA must prosecute or withdraw instead. */
    PAYMENT_PERIOD_ENDED,
    /** A payment whose amount is not the one due on its date under the notice's tariff. */
    PAYMENT_AMOUNT_MISMATCH,
    /** A notice that already ended (paid, withdrawn or prosecuted) given a different outcome. */
    OUTCOME_ALREADY_RECORDED,
    /** A request for leave of absence already decided (or withdrawn) given a different decision. */
    LEAVE_ALREADY_DECIDED,
    /** Leave asked for only after it began: it is never granted retrospectively (rules 5.1). */
    LEAVE_NOT_REQUESTED_IN_ADVANCE,
    /** No request for leave of absence has that id at that school. */
    UNKNOWN_LEAVE_REQUEST,
    /** A tree size larger than the tamper-evident log has grown to. */
    TREE_SIZE_BEYOND_LOG,
    /** A logIndex outside the tree it was asked about (0 to treeSize - 1). */
    LOG_INDEX_OUT_OF_RANGE,
    /** A consistency proof asked from a larger tree to a smaller (first > second), or a range ending before it starts. */
    LOG_RANGE_REVERSED,
    /** No tree head was signed at exactly the requested size. */
    TREE_HEAD_NOT_FOUND,
    /** No log signing key has that keyId. */
    UNKNOWN_SIGNING_KEY,
    /** The request body is larger than the service accepts (ledger.http.max-request-body); nothing of it was read. */
    PAYLOAD_TOO_LARGE,
    /** No endpoint has that path. */
    NOT_FOUND,
    /** The path exists but not with that HTTP method. */
    METHOD_NOT_ALLOWED,
    /** The client accepts no representation the service can answer with (send Accept: application/json). */
    NOT_ACCEPTABLE,
    /** The request body's Content-Type is not one the endpoint reads (send application/json). */
    UNSUPPORTED_MEDIA_TYPE,
    /** The request firewall refused the URL or a header (path traversal, ';', NUL, a backslash and the like). */
    REQUEST_REJECTED,
    /** A read asked as known at an instant that has not come yet. */
    AS_KNOWN_AT_IN_FUTURE,
    /** The database cannot be reached (stopped, restarting or unreachable); nothing was stored, retry later. */
    DATABASE_UNAVAILABLE,
    /** No dead-lettered sequence of the projections has that identifier. */
    UNKNOWN_DEAD_LETTER,
    /**
     * An evidence bundle asked for before the tamper-evident log has logged, and signed a head over, every entry it
     * must prove (the appender logs a moment after commit): retry shortly.
     */
    AUDIT_LOG_CATCHING_UP,
    /**
     * The pupil's register changed between the reads an evidence bundle makes, again and again until the wait ran out:
     * retry shortly.
     */
    REGISTER_CHANGED_DURING_READ,
    /** D was posted for a pupil who is not dual registered with another school on roll that day (rules 8.2). */
    NOT_DUAL_REGISTERED,
    /** D was posted for a session the pupil is not expected at in the other school's calendar: no D is needed then. */
    NO_SESSION_AT_OTHER_SCHOOL,
    /** Ending a dual registration without the other school's consent, who gave it and when [REG24 reg 9(1)(c)]. */
    OTHER_SCHOOL_CONSENT_MISSING,
    /** No projection rebuild has that id (or the id is not one the ledger gives: a UUID). */
    UNKNOWN_REBUILD_JOB
}
