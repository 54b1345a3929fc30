package org.linedesk.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts every call of the method on the audit log: who (the logged-in user), when, from where, the
 * action, the target and detail, and the result — "OK", or "FAILED: " and the reason when it throws.
 * {@link #target()} and {@link #detail()} are SpEL expressions over the method's parameters by name
 * ({@code #name}) and, for the detail, its return value ({@code #result}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    /** The action, e.g. {@code ROUTING_RELOADED}. */
    String value();

    /** SpEL for what was acted on, e.g. {@code "'template ' + #name"}; a plain string needs quotes. */
    String target() default "";

    /** SpEL for the detail, may use {@code #result}; empty for none. */
    String detail() default "";

    /** SpEL for the project the act concerns (may use {@code #result}); empty: the whole installation. */
    String project() default "";
}
