package org.attendanceledger.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Writes a problem straight to the servlet response, for refusals made before Spring MVC is reached (filters). */
@org.springframework.stereotype.Component
public class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ResponseEntity<ProblemDetail> problem) throws IOException {
        response.setStatus(problem.getStatusCode().value());
        // Headers the problem carries besides its type, such as Retry-After on 503 DATABASE_UNAVAILABLE.
        problem.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(org.springframework.http.HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        response.setContentType(problem.getHeaders().getContentType().toString());
        json.writeValue(response.getOutputStream(), problem.getBody());
    }
}
