package org.attendanceledger.service.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page (HTML or JSON without a code): a failure the container turns into an error
 * dispatch (a filter's sendError, an exception outside Spring MVC) is answered as a problem with a code too.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:${error.path:/error}}",
            produces = {"application/problem+json", "application/json", "*/*"})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status;
        if (code == null) {
            // Asked for directly, not dispatched by the container: there is no such resource for a client.
            status = HttpStatus.NOT_FOUND;
        } else {
            HttpStatus resolved = code instanceof Integer value ? HttpStatus.resolve(value) : null;
            status = resolved != null && resolved.isError() ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return ProblemHandler.ofStatus(status);
    }
}
