package org.attendanceledger.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 written byte for byte on a socket, for requests an ordinary client will not send: a path exactly as given
 * (with ';', '%00', '..'), any Content-Type or Accept, a chunked body, a Content-Length announced with
 * {@code Expect: 100-continue} so that a refused body is never sent.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A request to send; {@code body} null for none. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {

        public static Request of(String method, String path) {
            return new Request(method, path, new LinkedHashMap<>(), null, false);
        }

        public Request header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, path, copy, body, chunked);
        }

        public Request body(byte[] bytes) {
            return new Request(method, path, headers, bytes, chunked);
        }

        public Request body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        public Request sentChunked() {
            return new Request(method, path, headers, body, true);
        }
    }

    /**
     * What came back: the status, the headers (names in lower case) and the body parsed as JSON if it is JSON; and
     * whether the server asked for the body with {@code 100 Continue} (always false without {@code Expect}).
     */
    public record Response(int status, Map<String, String> headers, String text, boolean continued) {

        Response(int status, Map<String, String> headers, String text) {
            this(status, headers, text, false);
        }

        Response afterContinue() {
            return new Response(status, headers, text, true);
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
        }
    }

    public Response send(Request request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
            head.append("Host: localhost:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            boolean expectContinue = false;
            if (request.body() != null) {
                if (request.chunked()) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else {
                    head.append("Content-Length: ").append(request.body().length).append("\r\n");
                    expectContinue = request.headers().keySet().stream()
                            .anyMatch(name -> name.equalsIgnoreCase("Expect"));
                }
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (request.body() == null) {
                return read(in);
            }
            if (expectContinue) {
                Response interim = read(in);
                if (interim.status() != 100) {
                    return interim;  // refused before the body was sent
                }
                try {
                    out.write(request.body());
                    out.flush();
                } catch (IOException e) {
                    // The server answered and stopped reading; its answer is what the test looks at.
                }
                return read(in).afterContinue();
            }
            // The body is written while the answer is read: a server that refuses early must not deadlock us.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeBody(out, request));
            Response response = read(in);
            writing.exceptionally(failure -> null);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBody(OutputStream out, Request request) {
        try {
            byte[] body = request.body();
            if (!request.chunked()) {
                out.write(body);
            } else {
                int chunk = 16 * 1024;
                for (int offset = 0; offset < body.length; offset += chunk) {
                    int length = Math.min(chunk, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException e) {
            // The server stopped reading (it refused the body); its answer is what the test looks at.
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (status == 100) {
            return new Response(status, headers, "");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
