package org.linedesk.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.linedesk.core.Problems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Authentication on everything but health. The API ({@code /api}) and the engine's own REST API
 * ({@code /engine-rest}, open by default in Camunda) are stateless HTTP Basic; pages and the
 * Camunda webapps ({@code /camunda}) use a login session.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"LineDesk\"");
            write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Log in with HTTP Basic: user name and password of a LineDesk user."));
        };
        AccessDeniedHandler denied = (request, response, e) -> write(response, json,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your roles do not allow this request."));
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/engine-rest/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(path(HttpMethod.POST, "/api/tickets")).hasAnyRole(Role.AGENT.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless: no cookie authenticates an API call, so there is nothing for CSRF to forge.
                .csrf(csrf -> csrf.disable())
                // Nothing for a stateless API client to log out of, nor a request to replay after a login.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/login"),
                                path("/error"), path("/webjars/**"), path("/console/**")).permitAll()
                        // The public web form where customers open requests (CSRF-protected, rate-limited).
                        .requestMatchers(path("/support"), path("/support/**")).permitAll()
                        .requestMatchers(path("/camunda/**")).hasAnyRole(Role.ADMIN.name(), Role.PROCESS_OWNER.name())
                        .anyRequest().authenticated())
                // The console's own login page; after logging in, the start page for the user's role.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .httpBasic(withDefaults())
                // The Camunda webapps bring their own CSRF protection (CsrfPreventionFilter).
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**")))
                .build();
    }

    /** Lets Cockpit, Tasklist and Admin trust our login instead of asking again. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>();
        registration.setFilter(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityWebappAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(101); // after Spring Security's filter chain
        return registration;
    }

    /**
     * Matches the path below the context, whatever servlet serves it: the engine REST API and the
     * Camunda webapps are not Spring MVC, so MVC-aware matchers would miss them.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws java.io.IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
