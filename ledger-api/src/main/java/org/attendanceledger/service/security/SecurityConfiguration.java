package org.attendanceledger.service.security;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Path;
import org.attendanceledger.access.ApiKey;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The access model: bearer API keys, checked on every request against the role and scope rules of
 * {@link AccessPolicy}. Stateless: no sessions and no cookies, hence no CSRF tokens (a request a browser could be
 * tricked into sending carries no credentials) and no login forms.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Open to anyone: liveness and metrics for the platform, and the published contract. */
    static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"
    };

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticator authenticator, AccessPolicy policy,
                                           SecurityProblems problems) throws Exception {
        BearerTokenFilter bearerTokens = new BearerTokenFilter(new ProviderManager(authenticator), problems);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearerTokens, AnonymousAuthenticationFilter.class)
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        // An error page renders the failure of a request that was already let through.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().access((authentication, context) ->
                                policy.decide(authentication.get(), context.getRequest())))
                .build();
    }

    /**
     * Also the reason Spring Boot creates no default user with a generated password: the only credentials are
     * API keys and the bootstrap admin token.
     */
    @Bean
    public ApiKeyAuthenticator apiKeyAuthenticator(ApiKeyDirectory keys, ApiKeyHasher hasher,
                                                   @Value("${ledger.bootstrap-admin-token:}") String bootstrapToken) {
        return new ApiKeyAuthenticator(keys, hasher, bootstrapToken);
    }

    @Bean
    public ApiKeyHasher apiKeyHasher(@Value("${ledger.api-key-secret:${LEDGER_API_KEY_SECRET:}}") String secret,
                                     @Value("${ledger.data-dir}") Path dataDir,
                                     @Value("${spring.datasource.url:}") String externalDatabaseUrl) throws IOException {
        return new ApiKeyHasher(ApiKeySecret.resolve(secret, dataDir, !externalDatabaseUrl.isBlank()));
    }

    /** The domain module knows nothing of Spring, so the key aggregate is registered here. */
    @Bean
    public ConfigurerModule apiKeyAggregate() {
        return configurer -> configurer.configureAggregate(ApiKey.class);
    }
}
