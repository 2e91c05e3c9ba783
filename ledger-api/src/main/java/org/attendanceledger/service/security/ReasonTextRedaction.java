package org.attendanceledger.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Withholds free-text reasons from callers who may not read them (see {@link LedgerPrincipal#mayReadReasonText()}):
 * every {@code reason} property anywhere in an API response is sent as null, codes, dates and authors untouched. It is
 * applied to every JSON response of the API rather than endpoint by endpoint, so an endpoint added later cannot forget
 * it.
 */
@RestControllerAdvice
public class ReasonTextRedaction implements ResponseBodyAdvice<Object> {

    static final String REASON = "reason";
    private static final String API = "/api/";

    private final ObjectMapper json;

    public ReasonTextRedaction(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || !request.getURI().getPath().startsWith(API) || callerMayReadReasonText()) {
            return body;
        }
        return asCallerMaySee(body);
    }

    /**
     * The body as JSON with every {@code reason} withheld unless the caller may read reason text: for a representation
     * other than JSON (the evidence bundle's PDF) that must show exactly what the JSON shows.
     */
    public JsonNode asCallerMaySee(Object body) {
        JsonNode tree = json.valueToTree(body);
        if (!callerMayReadReasonText()) {
            withholdReasons(tree);
        }
        return tree;
    }

    /** Whether the authenticated caller may read free-text reasons (see {@link LedgerPrincipal#mayReadReasonText()}). */
    public static boolean callerMayReadReasonText() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof LedgerPrincipal caller
                && caller.mayReadReasonText();
    }

    static void withholdReasons(JsonNode node) {
        if (node instanceof ObjectNode object && object.has(REASON)) {
            object.putNull(REASON);
        }
        node.forEach(ReasonTextRedaction::withholdReasons);
    }
}
