package org.attendanceledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** The container's error dispatch (a sendError anywhere outside Spring MVC) answers a problem with a code too. */
class ProblemErrorControllerTest {

    private final ProblemErrorController controller = new ProblemErrorController();

    private ResponseEntity<ProblemDetail> dispatched(Integer status) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        if (status != null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        }
        return controller.error(request);
    }

    @Test
    void a_dispatched_client_error_keeps_its_status_and_gets_the_code_for_it() {
        ResponseEntity<ProblemDetail> problem = dispatched(413);

        assertThat(problem.getStatusCode().value()).isEqualTo(413);
        assertThat(problem.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.getBody().getProperties()).containsEntry("code", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_dispatched_server_error_is_internal_error_without_its_reason() {
        ResponseEntity<ProblemDetail> problem = dispatched(503);

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(problem.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(problem.getBody().getDetail()).isEqualTo("the ledger failed unexpectedly");
    }

    @Test
    void a_status_that_is_no_error_or_unknown_becomes_500_and_no_status_at_all_404() {
        assertThat(dispatched(200).getStatusCode().value()).isEqualTo(500);
        assertThat(dispatched(799).getStatusCode().value()).isEqualTo(500);
        ResponseEntity<ProblemDetail> direct = dispatched(null);
        assertThat(direct.getStatusCode().value()).isEqualTo(404);
        assertThat(direct.getBody().getProperties()).containsEntry("code", "NOT_FOUND");
    }
}
