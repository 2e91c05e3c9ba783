package org.attendanceledger.service.ui;

import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;

/**
 * One line of a GOV.UK error summary: the ledger's code and detail (the same text the API sends), and the form field
 * it concerns, if any, for the summary's link.
 */
public record PageError(String code, String field, String text) {

    static PageError of(ErrorCode code, String field, String detail) {
        return new PageError(code.name(), field, detail);
    }

    static List<PageError> of(List<ApiError> errors) {
        return errors.stream().map(e -> new PageError(e.code(), e.field(), e.detail())).toList();
    }

    /** The id of the input the summary links to: a nested field such as {@code by.name} is input {@code by-name}. */
    public String anchor() {
        return field == null ? null : field.replace('.', '-');
    }
}
