package org.attendanceledger.service.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.service.http.RequestBodyLimit;
import org.attendanceledger.service.http.StrictRequestJson;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal is RFC 9457 problem+json with a stable code, and an {@code errors} list naming each bad item and field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Pattern INDEXED_FIELD = Pattern.compile("^[a-zA-Z]+\\[(\\d+)]\\.(.+)$");
    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Z][A-Z0-9_]+$");
    private static final int QUOTED_LENGTH = 40;

    /**
     * Refusals Spring MVC decides itself (no such path, wrong method, media type or Accept, a missing parameter) come
     * with a problem that has no code: they get the code their status stands for, keeping Spring's headers (Allow,
     * Accept).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> spring = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (spring == null || !(spring.getBody() instanceof ProblemDetail detail) || (detail.getProperties() != null
                && detail.getProperties().containsKey("code"))) {
            return spring;
        }
        HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
        ErrorCode code = ErrorStatus.codeFor(status);
        String text = detail.getDetail() == null ? status.getReasonPhrase() : detail.getDetail();
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(spring.getHeaders());
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(merged)
                .body(problem(status, code, text, List.of(ApiError.of(null, null, code, text))).getBody());
    }

    @ExceptionHandler(RequestRejected.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejected e) {
        return problem(e.status(), e.code(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> violation(RuleViolation e) {
        return problem(ErrorStatus.of(e.code()), e.code(), e.detail(),
                List.of(ApiError.of(null, e.field(), e.code(), e.detail())));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<ApiError> errors = new ArrayList<>();
        for (FieldError fieldError : e.getBindingResult().getFieldErrors()) {
            errors.add(toApiError(fieldError.getField(), fieldError.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(global ->
                errors.add(toApiError(null, global.getDefaultMessage())));
        errors.sort((a, b) -> Integer.compare(a.index() == null ? -1 : a.index(), b.index() == null ? -1 : b.index()));
        ErrorCode main = errors.stream().map(ApiError::code).distinct().count() == 1
                ? ErrorCode.valueOf(errors.get(0).code()) : ErrorCode.VALIDATION_FAILED;
        return widen(problem(ErrorStatus.of(main), main, "the request is not valid; nothing was stored", errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        List<ApiError> errors = e.getConstraintViolations().stream()
                .map(v -> ApiError.of(null, v.getPropertyPath().toString(), ErrorCode.VALIDATION_FAILED, v.getMessage()))
                .toList();
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "invalid parameter", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badPathOrParameter(MethodArgumentTypeMismatchException e) {
        String detail = "'" + e.getValue() + "' is not a valid " + e.getName();
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, detail,
                List.of(ApiError.of(null, e.getName(), ErrorCode.VALIDATION_FAILED, detail)));
    }

    /** A required query parameter is absent: invalid like any other bad parameter, and named. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        String detail = e.getParameterName() + " is required";
        return widen(problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, detail,
                List.of(ApiError.of(null, e.getParameterName(), ErrorCode.VALIDATION_FAILED, detail))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = causeOf(e, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            // A body without a Content-Length passed the limit while it streamed.
            return widen(RequestBodyLimit.problem(tooLarge.maxBytes()));
        }
        StreamConstraintsException limit = causeOf(e, StreamConstraintsException.class);
        if (limit != null && e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // A value past the reader's own limits (a text of more than 100,000 characters, a 31-digit number).
            ApiError at = valueError(mapping);
            String detail = at.field() + " is beyond the JSON reader's limits (text length, number length, nesting)";
            return widen(problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    "the request is not valid; nothing was stored",
                    List.of(ApiError.of(at.index(), at.field(), ErrorCode.VALIDATION_FAILED, detail))));
        }
        if (limit == null && e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && causeOf(mapping, JsonParseException.class) == null) {
            // Well-formed JSON with a value of the wrong kind (an impossible date, an unknown session or ground, a
            // text over its limit): 422, naming the item and the field, like any other invalid item.
            ApiError error = valueError(mapping);
            return widen(problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    "the request is not valid; nothing was stored", List.of(error)));
        }
        String detail = limit != null
                ? "the request body breaks the JSON reader's limits (nesting, number or text length)"
                : "the request body is not valid JSON of the expected shape";
        return widen(problem(HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_REQUEST, detail,
                List.of(ApiError.of(null, null, ErrorCode.MALFORMED_REQUEST, detail))));
    }

    /** The first cause of the given type in the chain (Jackson wraps a syntax error met inside a list, for one). */
    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The item index and the dotted field of a value Jackson could not bind, e.g. marks[3].date. */
    private static ApiError valueError(JsonMappingException mapping) {
        Integer index = null;
        StringBuilder field = new StringBuilder();
        List<JsonMappingException.Reference> path = mapping.getPath();
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference reference = path.get(i);
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0 && i == 1 && index == null && i < path.size() - 1) {
                // The first array in the body is the batch: its position is the item's index. (A value in a list of
                // plain values, such as scopes, keeps the list's name as its field.)
                index = reference.getIndex();
                field.setLength(0);
            }
        }
        StrictRequestJson.RefusedValue refused = causeOf(mapping, StrictRequestJson.RefusedValue.class);
        if (refused != null) {
            return ApiError.of(index, field.toString(), ErrorCode.VALIDATION_FAILED, refused.detail());
        }
        String value = mapping instanceof InvalidFormatException invalid && invalid.getValue() != null
                ? "'" + quote(invalid.getValue()) + "' is not a valid value" : "the value is not of the expected type";
        return ApiError.of(index, field.toString(), ErrorCode.VALIDATION_FAILED, value + " for " + field);
    }

    /** Enough of a refused value to recognise it, never a whole (possibly huge) one. */
    private static String quote(Object value) {
        String text = String.valueOf(value);
        return text.length() <= QUOTED_LENGTH ? text : text.substring(0, QUOTED_LENGTH) + "...";
    }

    /** A domain value refused its input (for example a term that ends before it starts). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, e.getMessage(),
                List.of(ApiError.of(null, null, ErrorCode.VALIDATION_FAILED, e.getMessage())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static ApiError toApiError(String path, String message) {
        Integer index = null;
        String field = path;
        if (path != null) {
            Matcher m = INDEXED_FIELD.matcher(path);
            if (m.matches()) {
                index = Integer.valueOf(m.group(1));
                field = m.group(2);
            }
        }
        // Constraint messages either name a stable error code or are plain text for VALIDATION_FAILED.
        if (message != null && ERROR_CODE.matcher(message).matches()) {
            ErrorCode code = ErrorCode.valueOf(message);
            return ApiError.of(index, field, code, (field == null ? "value" : field) + " is required");
        }
        return ApiError.of(index, field, ErrorCode.VALIDATION_FAILED, (field == null ? "" : field + " ") + message);
    }

    /**
     * A refusal known only by its status (Tomcat's or the container's error dispatch): the code the status stands
     * for, and no more detail than the status says (a server error's cause is in the log, not in the answer).
     */
    public static ResponseEntity<ProblemDetail> ofStatus(HttpStatus status) {
        ErrorCode code = ErrorStatus.codeFor(status);
        String detail = status.is5xxServerError() ? "the ledger failed unexpectedly" : status.getReasonPhrase();
        return problem(status, code, detail, List.of(ApiError.of(null, null, code, detail)));
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, ErrorCode code, String detail,
                                                        List<ApiError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:attendance-ledger:problem:" + code.name().toLowerCase(Locale.ROOT)
                .replace('_', '-')));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
