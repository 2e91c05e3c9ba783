package org.attendanceledger.common;

/**
 * A command broke a rule of the ledger. Carries the stable error code, the request field concerned (if any) and a
 * sentence for people.
 */
public class RuleViolation extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public RuleViolation(ErrorCode code, String field, String detail) {
        super(detail);
        this.code = code;
        this.field = field;
    }

    public RuleViolation(ErrorCode code, String detail) {
        this(code, null, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }
}
