package org.attendanceledger.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.attendanceledger.common.ErrorCode;

/** One entry of a problem's {@code errors} list: which item (for batches), which field, which rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(Integer index, String field, String code, String detail) {

    public static ApiError of(Integer index, String field, ErrorCode code, String detail) {
        return new ApiError(index, field, code.name(), detail);
    }
}
