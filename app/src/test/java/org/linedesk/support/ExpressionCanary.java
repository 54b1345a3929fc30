package org.linedesk.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bean that expressions can reach ({@code ${expressionCanary.touch()}}): if the engine ever
 * evaluated an expression a test sent in a query, {@link #touches()} would say so.
 */
public class ExpressionCanary {

    private final AtomicInteger touches = new AtomicInteger();

    public String touch() {
        touches.incrementAndGet();
        return "canary";
    }

    public int touches() {
        return touches.get();
    }
}
