package org.linedesk.channel.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linedesk.core.Problems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** The public pages (web form, rating page) refuse bodies over 64 KB (or of unknown length) before anything reads them. */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

    static final long MAX_BYTES = 64 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> supportFormSizeLimit(ObjectMapper json) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if ("POST".equals(request.getMethod()) && (length > MAX_BYTES || length < 0)) {
                    response.setStatus(length < 0 ? HttpStatus.LENGTH_REQUIRED.value() : HttpStatus.PAYLOAD_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.of(
                            length < 0 ? HttpStatus.LENGTH_REQUIRED : HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                            "A request to a public page is at most " + MAX_BYTES / 1024 + " KB"));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/support", "/support/*", "/rate/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
