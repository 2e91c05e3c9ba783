package org.attendanceledger.service.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GOV.UK Frontend and htmx come from their webjars (served by Spring Boot under {@code /webjars/}); the versions are
 * the pom's, through the filtered {@code application.yml}. GOV.UK Frontend's CSS asks for its images under
 * {@code /assets/images/}, so they are served there from the same jar. Its fonts are not served: GDS Transport is
 * licensed for services on GOV.UK domains only, and the CSS falls back to Arial.
 */
@Configuration(proxyBeanMethods = false)
public class PageAssets implements WebMvcConfigurer {

    private final String govukFrontend;
    private final String htmx;

    public PageAssets(@Value("${ledger.ui.govuk-frontend-version}") String govukFrontend,
                      @Value("${ledger.ui.htmx-version}") String htmx) {
        this.govukFrontend = govukFrontend;
        this.htmx = htmx;
    }

    public String govukFrontendCss() {
        return "/webjars/govuk-frontend/" + govukFrontend + "/dist/govuk/govuk-frontend.min.css";
    }

    public String govukFrontendJs() {
        return "/webjars/govuk-frontend/" + govukFrontend + "/dist/govuk/govuk-frontend.min.js";
    }

    public String htmxJs() {
        return "/webjars/htmx.org/" + htmx + "/dist/htmx.min.js";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/images/**").addResourceLocations(
                "classpath:/META-INF/resources/webjars/govuk-frontend/" + govukFrontend + "/dist/govuk/assets/images/");
    }
}
