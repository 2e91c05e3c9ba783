package org.attendanceledger.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.ErrorStatus;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for what Tomcat refuses before Spring sees the request (an encoded slash, backslash or NUL
 * in the path, bytes that are not UTF-8): a problem with a code instead of an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    static final String REJECTED_DETAIL = "the request URL or a header is not one the ledger accepts "
            + "(an encoded slash, backslash or NUL, or bytes that are not UTF-8)";

    private final ObjectMapper json;

    public ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        if (statusCode < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ErrorCode code = status == HttpStatus.BAD_REQUEST ? ErrorCode.REQUEST_REJECTED : ErrorStatus.codeFor(status);
        String detail = status == HttpStatus.BAD_REQUEST ? REJECTED_DETAIL : status.getReasonPhrase();
        try {
            String body = json.writeValueAsString(ProblemHandler.problem(status, code, detail,
                    List.of(ApiError.of(null, null, code, detail))).getBody());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing more can be said to the client.
        }
    }
}
