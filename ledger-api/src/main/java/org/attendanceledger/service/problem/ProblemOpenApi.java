package org.attendanceledger.service.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attendanceledger.common.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The error contract in the OpenAPI document: one problem+json schema, whose {@code code} is the enum of every
 * {@link ErrorCode} (generated from the enum, so a new code is published the day it is added), and on every operation
 * the error statuses it can answer with that schema.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemOpenApi {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** What any request can be refused with, before or whatever its endpoint does. */
    static final List<HttpStatus> EVERY_OPERATION = List.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
            HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY,
            HttpStatus.INTERNAL_SERVER_ERROR);
    /** What a write can also be refused with: a body too large or not JSON, an answer the client cannot accept, a
     * conflict with the stored state (a duplicate school, a concurrent write to the same stream). */
    static final List<HttpStatus> WRITES = List.of(HttpStatus.NOT_ACCEPTABLE, HttpStatus.CONFLICT,
            HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    /** A read of the projections may find them still catching up with the caller's own writes. */
    static final List<HttpStatus> READS = List.of(HttpStatus.SERVICE_UNAVAILABLE);

    @Bean
    public OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                EVERY_OPERATION.forEach(status -> document(operation, status));
                (write ? WRITES : READS).forEach(status -> document(operation, status));
            }));
        };
    }

    /** RFC 9457 with the ledger's two extensions: the stable {@code code} and the {@code errors} list. */
    static Schema<?> problemSchema() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("index", new IntegerSchema().description("the item of a batch (e.g. the mark's position)"));
        error.put("field", new StringSchema().description("the field at fault, e.g. recordedBy.name"));
        error.put("code", new StringSchema()._enum(codes));
        error.put("detail", new StringSchema());
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("urn:attendance-ledger:problem:<code in kebab case>"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema());
        properties.put("code", new StringSchema()._enum(codes)
                .description("the stable, machine-readable reason: match on this, never on the text"));
        properties.put("errors", new ArraySchema().items(new ObjectSchema().properties(error)));
        ObjectSchema problem = new ObjectSchema();
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status", "code", "errors"));
        problem.description("Every refusal: RFC 9457 application/problem+json with a stable code");
        return problem;
    }

    private static void document(Operation operation, HttpStatus status) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        String key = String.valueOf(status.value());
        if (operation.getResponses().containsKey(key)) {
            return;
        }
        operation.getResponses().addApiResponse(key, new ApiResponse()
                .description(status.getReasonPhrase() + codesOf(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
    }

    /** The codes whose usual status this is, as a hint for people; the schema's enum is the contract. */
    private static String codesOf(HttpStatus status) {
        String codes = Arrays.stream(ErrorCode.values()).filter(code -> ErrorStatus.of(code) == status)
                .map(Enum::name).collect(Collectors.joining(", "));
        return codes.isEmpty() ? "" : " (for example " + codes + ")";
    }
}
