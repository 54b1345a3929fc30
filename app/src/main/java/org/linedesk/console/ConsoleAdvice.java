package org.linedesk.console;

import org.linedesk.core.ForbiddenException;
import org.linedesk.core.NotFoundException;
import org.linedesk.identity.Actor;
import org.linedesk.identity.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/** For every console page: who is logged in (menus by role), and friendly 403/404 pages instead of JSON. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    /** What the layout needs to draw the menu. */
    public record Me(String userId, String name, boolean agent, boolean manager, boolean auditor, boolean processOwner,
              boolean admin) {
        static Me of(Actor a) {
            return new Me(a.userId(), a.displayName(), a.has(Role.AGENT), a.has(Role.MANAGER), a.has(Role.AUDITOR),
                    a.has(Role.PROCESS_OWNER), a.has(Role.ADMIN));
        }
    }

    @ModelAttribute
    void me(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            model.addAttribute("me", Me.of(actor));
        }
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        me(model);
        return "error/404";
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(RuntimeException e, Model model) {
        model.addAttribute("message", e instanceof ForbiddenException ? e.getMessage()
                : "Your role does not give access to this page.");
        me(model);
        return "error/403";
    }
}
