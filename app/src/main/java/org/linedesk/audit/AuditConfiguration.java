package org.linedesk.audit;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Applies {@link Audited} (records each call of an annotated method once it has returned or thrown),
 * and makes the current request known to {@link AuditLog} on every path — also where no Spring MVC
 * handler runs: logins in the security filter chain, the engine's REST API, Camunda's webapps.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    FilterRegistrationBean<RequestContextFilter> auditRequestContext() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before Spring Security's chain
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DefaultPointcutAdvisor auditedMethodsAdvisor(ObjectProvider<AuditLog> audit) {
        return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
                new Interceptor(audit));
    }

    static final class Interceptor implements MethodInterceptor {

        private static final SpelExpressionParser PARSER = new SpelExpressionParser();
        private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

        private final ObjectProvider<AuditLog> audit;
        private final ConcurrentReferenceHashMap<String, Expression> expressions = new ConcurrentReferenceHashMap<>();

        Interceptor(ObjectProvider<AuditLog> audit) {
            this.audit = audit;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            Method method = invocation.getMethod();
            Object target = invocation.getThis();
            Method specific = target == null ? method
                    : AopUtils.getMostSpecificMethod(method, AopProxyUtils.ultimateTargetClass(target));
            Audited audited = specific.getAnnotation(Audited.class);
            if (audited == null) {
                audited = method.getAnnotation(Audited.class);
            }
            String actor = AuditLog.currentActor();
            Object result;
            try {
                result = invocation.proceed();
            } catch (Throwable e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                audit.getObject().recordNow(actor, audited.value(), evaluate(audited.target(), specific, invocation, null),
                        null, "FAILED: " + reason, projectOf(audited, specific, invocation, null));
                throw e;
            }
            audit.getObject().recordNow(actor, audited.value(), evaluate(audited.target(), specific, invocation, result),
                    evaluate(audited.detail(), specific, invocation, result), AuditLog.OK,
                    projectOf(audited, specific, invocation, result));
            return result;
        }

        /** The act's project; an expression that cannot be evaluated (a failed call has no result) gives none. */
        private String projectOf(Audited audited, Method method, MethodInvocation invocation, Object result) {
            try {
                return evaluate(audited.project(), method, invocation, result);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private String evaluate(String spel, Method method, MethodInvocation invocation, Object result) {
            if (spel.isEmpty()) {
                return null;
            }
            MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, method,
                    invocation.getArguments(), NAMES);
            context.setVariable("result", result);
            Object value = expressions.computeIfAbsent(spel, PARSER::parseExpression).getValue(context);
            return value == null ? null : value.toString();
        }
    }
}
