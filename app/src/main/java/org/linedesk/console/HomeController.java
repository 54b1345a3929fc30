package org.linedesk.console;

import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, and the start page by role: agents to their work, managers to the dashboard. */
@Controller
class HomeController {

    /** {@code throttled}: seconds to wait after too many failed logins (a number, so a link cannot put words on the page). */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, Model model) {
        if (throttled != null && throttled.matches("\\d{1,6}")) {
            model.addAttribute("throttledSeconds", Long.parseLong(throttled));
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        Actor me = CurrentActor.get();
        if (me.has(Role.AGENT) && !me.groups().isEmpty()) {
            return "redirect:/work";
        }
        if (me.has(Role.MANAGER) || me.has(Role.AUDITOR) || me.has(Role.ADMIN)) {
            return "redirect:/dashboard";
        }
        if (me.has(Role.PROCESS_OWNER)) {
            return "redirect:/processes";
        }
        return "redirect:/work";
    }
}
