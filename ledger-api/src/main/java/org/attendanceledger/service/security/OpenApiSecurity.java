package org.attendanceledger.service.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Publishes the bearer scheme in the OpenAPI contract, so that integrators and Swagger UI send the key. */
@Configuration(proxyBeanMethods = false)
public class OpenApiSecurity {

    static final String BEARER = "bearer";

    @Bean
    public OpenApiCustomizer bearerApiKeys() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .description("An API key issued by POST /api/v1/api-keys, or the bootstrap admin token. "
                            + "No or a bad token: 401 UNAUTHENTICATED; a key out of its role or scope: 403 FORBIDDEN."));
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
        };
    }
}
