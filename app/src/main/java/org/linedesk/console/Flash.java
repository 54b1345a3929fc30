package org.linedesk.console;

import org.linedesk.core.ConflictException;
import org.linedesk.core.ForbiddenException;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;

/** A refused command as one readable sentence for the page (the field and the reason). */
final class Flash {

    private Flash() {
    }

    static String message(RuntimeException e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.getMessage();
        }
        if (e instanceof ConflictException || e instanceof ForbiddenException || e instanceof NotFoundException
                || e instanceof org.springframework.dao.OptimisticLockingFailureException) {
            return e instanceof org.springframework.dao.OptimisticLockingFailureException
                    ? "Someone changed the ticket at the same moment; look at it again and retry." : e.getMessage();
        }
        throw e; // unexpected: the error page, and the log
    }
}
