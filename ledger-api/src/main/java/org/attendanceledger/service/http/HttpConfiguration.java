package org.attendanceledger.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.ProblemHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;

/** How the service reads requests: bounded, strictly parsed, and every refusal a problem with a code. */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    static final String REJECTED_DETAIL = "the request URL or a header holds something the ledger never accepts (a "
            + "path traversal, ';', '//', an encoded slash, backslash or NUL, a control character, bytes not UTF-8)";

    /** The one answer to a URL the firewall (Spring Security's or Tomcat's own) refuses. */
    static ResponseEntity<ProblemDetail> requestRejected() {
        return ProblemHandler.problem(HttpStatus.BAD_REQUEST, ErrorCode.REQUEST_REJECTED, REJECTED_DETAIL,
                List.of(ApiError.of(null, null, ErrorCode.REQUEST_REJECTED, REJECTED_DETAIL)));
    }

    /**
     * Replaces Spring Boot's JSON converter: the same output, the strict reader of {@link StrictRequestJson}. The
     * application's mapper itself stays as it is for the code that reads stored JSON.
     */
    @Bean
    public MappingJackson2HttpMessageConverter requestJsonConverter(ObjectMapper application) {
        return new MappingJackson2HttpMessageConverter(StrictRequestJson.of(application));
    }

    /** Ahead of every other filter, security included: an oversized body costs the service nothing. */
    @Bean
    public FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${ledger.http.max-request-body}") DataSize max, ProblemWriter problems) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(max, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** After the body limit, before security: a write whose answer the client cannot read is not run. */
    @Bean
    public FilterRegistrationBean<AcceptableAnswer> acceptableAnswer(ProblemWriter problems) {
        FilterRegistrationBean<AcceptableAnswer> registration = new FilterRegistrationBean<>(new AcceptableAnswer(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Tomcat's error page becomes a problem too, and 100-continue waits for the body to be read. Runs after Spring Boot's own Tomcat customizer (which adds a plain
     * ErrorReportValve) and takes that valve's place, so that no HTML page is left anywhere.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusals(ObjectMapper application) {
        // A client that asks before sending a body (Expect: 100-continue) is told to go ahead only once the service
        // reads the body: one refused on its Content-Length (413) is then never sent at all.
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve(application));
                }
            });
        };
    }

    /** Spring Security's firewall refusals, which happen before any controller or advice: 400 REQUEST_REJECTED. */
    @Bean
    public RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(response, requestRejected());
    }
}
