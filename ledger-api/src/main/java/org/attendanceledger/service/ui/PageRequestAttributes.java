package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives every page's template {@code pageContext} ({@link PageContext}) and {@code assets} ({@link PageAssets}) as request
 * attributes, set before the controller runs, so that error pages rendered by an exception handler (which get no
 * model of their own) have them too. Thymeleaf 3.1 refuses bean references in link expressions, hence attributes.
 */
@Configuration(proxyBeanMethods = false)
public class PageRequestAttributes implements WebMvcConfigurer, HandlerInterceptor {

    private final PageContext page;
    private final PageAssets assets;

    public PageRequestAttributes(PageContext page, PageAssets assets) {
        this.page = page;
        this.assets = assets;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/ui", "/ui/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute("pageContext", page);
        request.setAttribute("assets", assets);
        return true;
    }
}
