package org.attendanceledger.service.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web pages' access: an API key presented once on the sign-in form, then a session cookie (HttpOnly,
 * SameSite=Strict, Secure on HTTPS: see {@code server.servlet.session.cookie}) and Spring Security's CSRF token on every
 * form. Only who the caller is comes from the session; what a page may show is still decided by {@link AccessPolicy}
 * for the API request the page mirrors. This chain matches the pages and their assets only, and is asked first; every
 * other request goes on to the API's stateless bearer-token chain ({@link SecurityConfiguration}), unchanged.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurityConfiguration {

    static final String SIGN_IN = "/ui/sign-in";
    static final String SIGN_OUT = "/ui/sign-out";
    /** The session cookie's name: Tomcat's default, kept so that operators recognise it. */
    static final String SESSION_COOKIE = "JSESSIONID";

    /** The pages, GOV.UK Frontend and htmx (webjars) and GOV.UK Frontend's fonts and images, which its CSS asks for. */
    static final String[] PAGE_PATHS = {"/ui", "/ui/**", "/webjars/**", "/assets/**"};

    @Bean
    @Order(1)
    public SecurityFilterChain pageSecurity(HttpSecurity http, ApiKeyDirectory keys, PageRefusals refusals)
            throws Exception {
        return http
                .securityMatcher(PAGE_PATHS)
                .csrf(Customizer.withDefaults())
                .securityContext(context -> context
                        .securityContextRepository(new HttpSessionSecurityContextRepository()))
                .sessionManagement(sessions -> sessions
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies(SESSION_COOKIE))
                .addFilterAfter(new RevokedKeySignsOut(keys), SecurityContextHolderFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler(refusals))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/webjars/**", "/assets/**", SIGN_IN).permitAll()
                        // Which page shows what is decided page by page, by the API's AccessPolicy.
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * The API looks a key up on every request, so a revocation takes effect on the next one; a session must not
     * outlive its key either. The bootstrap admin token is configuration, not a stored key: its sessions end with the
     * session (or the restart that changes the token, as sessions are kept in memory).
     */
    static final class RevokedKeySignsOut extends OncePerRequestFilter {

        private final ApiKeyDirectory keys;

        RevokedKeySignsOut(ApiKeyDirectory keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn != null && signedIn.getPrincipal() instanceof LedgerPrincipal caller
                    && !LedgerPrincipal.BOOTSTRAP_ADMIN_ID.equals(caller.keyId())
                    && keys.findActive(caller.keyId()).isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            chain.doFilter(request, response);
        }
    }
}
