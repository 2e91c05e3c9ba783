package org.attendanceledger.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;

/** One entry of a problem's {@code errors} list: which item (for batches), which field, which rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(Integer index, String field, String code, String detail) {

    public static ApiError of(Integer index, String field, ErrorCode code, String detail) {
        return new ApiError(index, field, code.name(), detail);
    }

    /** A domain rule's violation, for the item at {@code index} of a batch (null outside one). */
    public static ApiError of(Integer index, RuleViolation violation) {
        return of(index, violation.field(), violation.code(), violation.detail());
    }
}
