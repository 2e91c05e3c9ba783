package org.attendanceledger.service.problem;

import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.springframework.http.HttpStatus;

/** A request refused as a whole, with every reason found; nothing of it was stored. */
public class RequestRejected extends RuntimeException {

    private final HttpStatus status;
    private final ErrorCode code;
    private final List<ApiError> errors;

    public RequestRejected(HttpStatus status, ErrorCode code, String detail, List<ApiError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static RequestRejected single(HttpStatus status, ErrorCode code, String field, String detail) {
        return new RequestRejected(status, code, detail, List.of(ApiError.of(null, field, code, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public List<ApiError> errors() {
        return errors;
    }
}
