package org.attendanceledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The body limit is configurable; here it is 10 bytes, so that both ways of passing it are cheap to show. */
class RequestBodyLimitTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final RequestBodyLimit limit = new RequestBodyLimit(DataSize.ofBytes(10), new ProblemWriter(json));

    @Test
    void a_declared_length_over_the_limit_is_413_before_the_request_goes_any_further() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/schools");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();

        limit.doFilter(request, response, (req, res) -> passedOn.set(req));

        assertThat(passedOn.get()).isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(response.getContentAsString()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_body_of_exactly_the_limit_is_read_whole() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/schools");
        request.setContent(new byte[10]);
        AtomicReference<Integer> read = new AtomicReference<>();

        limit.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes().length));

        assertThat(read.get()).isEqualTo(10);
    }

    @Test
    void a_chunked_body_is_counted_as_it_streams_and_refused_the_moment_it_passes_the_limit() throws Exception {
        MockHttpServletRequest request = new ChunkedRequest(new ByteArrayInputStream(new byte[11]));
        AtomicReference<InputStream> stream = new AtomicReference<>();

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> stream.set(req.getInputStream()));

        InputStream body = stream.get();
        assertThat(body.readNBytes(10)).hasSize(10);
        assertThatThrownBy(body::read).isInstanceOf(RequestBodyLimit.TooLarge.class)
                .satisfies(e -> assertThat(((RequestBodyLimit.TooLarge) e).maxBytes()).isEqualTo(10));
    }

    /** A request without a Content-Length, as a chunked one arrives. */
    private static final class ChunkedRequest extends MockHttpServletRequest {

        private final InputStream body;

        ChunkedRequest(InputStream body) {
            super("POST", "/api/v1/schools");
            this.body = body;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            return new DelegatingServletInputStream(body);
        }
    }
}
