package org.linedesk.identity;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Authentication on everything but health, the login page and the public form. The API ({@code /api}) and the engine's own REST API
 * ({@code /engine-rest}, open by default in Camunda) are stateless HTTP Basic; pages and the
 * Camunda webapps ({@code /camunda}) use a login session.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * The console's and the public pages' policy: scripts, styles and everything else only from
     * LineDesk itself (no inline script anywhere), never framed. Camunda's webapps send their own.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /**
     * Swagger UI's bundle injects one style element of its own (swagger-ui 5.30.1); it is allowed by its
     * hash, nothing else inline. A new Swagger UI version with another style fails the browser test.
     */
    static final String API_DOCS_POLICY = PAGE_POLICY.replace("style-src 'self'",
            "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");
    /** JSON and downloads need nothing: a file that a browser would render runs nothing. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /**
     * The Admin webapp's first-run setup (create the first administrator without logging in,
     * CVE-2026-77226) is refused to everyone, logged in or not, before the webapp sees the request.
     * LineDesk creates its administrator from LINEDESK_ADMIN_PASSWORD instead.
     */
    @Bean
    @Order(0)
    SecurityFilterChain camundaSetupRefused(HttpSecurity http, ObjectMapper json) throws Exception {
        AccessDeniedHandler refused = (request, response, e) -> write(response, json, Problems.of(HttpStatus.FORBIDDEN,
                "forbidden", "The webapps' first-run setup is disabled; set LINEDESK_ADMIN_PASSWORD to create 'admin'."));
        return http
                .securityMatcher(new OrRequestMatcher(path("/camunda/api/admin/setup/**"), path("/camunda/app/admin/*/setup/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
                .exceptionHandling(ex -> ex.accessDeniedHandler(refused)
                        .authenticationEntryPoint((request, response, e) -> refused.handle(request, response, null)))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = unauthorized(json);
        AccessDeniedHandler denied = (request, response, e) -> write(response, json,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your roles do not allow this request."));
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/engine-rest/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(path(HttpMethod.POST, "/api/tickets")).hasAnyRole(Role.AGENT.name(), Role.ADMIN.name())
                        .requestMatchers(path("/api/processes/**")).hasAnyRole(Role.PROCESS_OWNER.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless: no cookie authenticates an API call, so there is nothing for CSRF to forge.
                .csrf(csrf -> csrf.disable())
                // Nothing for a stateless API client to log out of, nor a request to replay after a login.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        RequestMatcher camunda = path("/camunda/**");
        RequestMatcher apiDocs = path("/swagger-ui/**");
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/login"),
                                path("/error"), path("/webjars/**"), path("/console/**")).permitAll()
                        // The public web form where customers open requests (CSRF-protected, rate-limited).
                        .requestMatchers(path("/support"), path("/support/**")).permitAll()
                        // The page a customer's rating link opens (a signed token instead of a login).
                        .requestMatchers(path("/rate/**")).permitAll()
                        // Camunda's webapps: Cockpit for process owners (read-only there, see CockpitAuthorizations)
                        // and admins; Admin (users, groups, authorizations) and Tasklist for admins only.
                        // Every webapp asks the Admin app's login resource who is logged in.
                        .requestMatchers(path("/camunda/api/admin/auth/**")).hasAnyRole(Role.ADMIN.name(), Role.PROCESS_OWNER.name())
                        .requestMatchers(path("/camunda/app/admin/**"), path("/camunda/api/admin/**"),
                                path("/camunda/app/tasklist/**"), path("/camunda/api/tasklist/**"),
                                path("/camunda/app/welcome/**"), path("/camunda/api/welcome/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(camunda).hasAnyRole(Role.ADMIN.name(), Role.PROCESS_OWNER.name())
                        // The process studio (its pages and the session mirror of its API).
                        .requestMatchers(path("/processes/**"), path("/console-api/processes/**"))
                                .hasAnyRole(Role.ADMIN.name(), Role.PROCESS_OWNER.name())
                        // Changing projects (the Projects page shows everyone their own).
                        .requestMatchers(path(HttpMethod.POST, "/projects"), path(HttpMethod.POST, "/projects/**"))
                                .hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                // The console's own login page; after logging in, the start page for the user's role.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler(SecurityConfiguration::loginFailed).permitAll())
                // Logging out ends the session (the id is useless afterwards) and drops its cookie.
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").invalidateHttpSession(true)
                        .clearAuthentication(true).deleteCookies("JSESSIONID"))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized(json)))
                // The console's scripts (process studio) get a problem detail, not the login page, once the
                // session has ended: they show it and the user logs in again.
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, e) -> write(response, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "session-ended", "Your session has ended; log in again.")),
                        path("/console-api/**")))
                // A new session id at login (session fixation), the default, said here because it matters.
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // The Camunda webapps bring their own CSRF protection (CsrfPreventionFilter).
                .csrf(csrf -> csrf.ignoringRequestMatchers(camunda))
                .headers(headers -> headers
                        // Camunda's webapps send their own policy (HeaderSecurityFilter); two policies would both apply.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(camunda, apiDocs)),
                                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(apiDocs,
                                new ContentSecurityPolicyHeaderWriter(API_DOCS_POLICY)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .build();
    }

    /** 401 with a problem detail, or 429 with Retry-After while failed logins block the attempt. */
    private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                        throttled.getMessage()));
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"LineDesk\"");
            write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Log in with HTTP Basic: user name and password of a LineDesk user."));
        };
    }

    /** The login page again, saying why: a wrong password, or how long to wait after too many. */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws java.io.IOException {
        String target = e instanceof LoginThrottledException throttled
                ? "/login?throttled=" + throttled.retryAfterSeconds() : "/login?error";
        response.sendRedirect(request.getContextPath() + target);
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
