package org.attendanceledger.service.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything reads it: a declared Content-Length over the limit is refused at once
 * (413 {@code PAYLOAD_TOO_LARGE}, nothing read), and a body without one (chunked) is counted as it streams and
 * refused the moment it passes the limit, so no request can make the service buffer more than the limit.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    public RequestBodyLimit(DataSize max, ProblemWriter problems) {
        this.maxBytes = max.toBytes();
        this.problems = problems;
    }

    /** A body passed the limit while it was read; the problem handler answers 413. */
    public static final class TooLarge extends IOException {

        private final long maxBytes;

        TooLarge(long maxBytes) {
            super(detail(maxBytes));
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static String detail(long maxBytes) {
        return "the request body is larger than the " + maxBytes + " bytes the ledger accepts; nothing was stored";
    }

    /** The one answer to a body over the limit, whether its declared length or its stream gave it away. */
    public static ResponseEntity<ProblemDetail> problem(long maxBytes) {
        String detail = detail(maxBytes);
        return ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE, detail,
                List.of(ApiError.of(null, null, ErrorCode.PAYLOAD_TOO_LARGE, detail)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            // The client may still be sending; closing the connection spares reading what will not be used.
            response.setHeader("Connection", "close");
            problems.write(response, problem(maxBytes));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, maxBytes), response);
    }

    /** A request whose body stream refuses to yield more than the limit. */
    static final class Counted extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        private int count(int n) throws TooLarge {
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(delegate.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
