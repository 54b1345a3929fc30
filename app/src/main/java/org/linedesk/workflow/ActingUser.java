package org.linedesk.workflow;

import java.util.function.Supplier;

/**
 * Who asked for the engine call that is running on this thread, for listeners that record the actor
 * (claim, unclaim). Deliberately not the engine's own authentication: with engine authorizations on
 * (for Cockpit, see docs/operations.md) an authenticated call would be checked against them, while
 * LineDesk's services have already decided what the user may do.
 */
final class ActingUser {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ActingUser() {
    }

    static <T> T as(String userId, Supplier<T> call) {
        String previous = CURRENT.get();
        CURRENT.set(userId);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The acting user, or null outside such a call (a timer, the job executor). */
    static String current() {
        return CURRENT.get();
    }
}
