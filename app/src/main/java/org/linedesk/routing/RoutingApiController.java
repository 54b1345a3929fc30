package org.linedesk.routing;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import org.linedesk.audit.Audited;
import org.linedesk.core.Problems;
import org.linedesk.ticket.Channel;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** For process owners: reload processes/routing.yaml, and try the rules on a sample message. */
@RestController
@RequestMapping("/api/routing")
@PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
class RoutingApiController {

    private final Router router;
    private final org.linedesk.project.ProjectDirectory projects;

    RoutingApiController(Router router, org.linedesk.project.ProjectDirectory projects) {
        this.router = router;
        this.projects = projects;
    }

    @PostMapping("/reload")
    @Audited(value = "ROUTING_RELOADED", target = "'processes/routing.yaml'", detail = "'rules ' + #result['rules']")
    Map<String, Object> reload() {
        return Map.of("rules", router.reload());
    }

    /** Which rule would take this message, and what it would decide. */
    @PostMapping("/try")
    RoutingDecision tryRules(@RequestBody SampleMessage sample) {
        return router.route(new MessageFacts(sample.channel() == null ? Channel.EMAIL : sample.channel(),
                sample.sender(), sample.recipients(), sample.subject(), sample.body(), sample.headers()), null,
                projects.requireVisible(sample.project() == null ? org.linedesk.project.Project.DEFAULT : sample.project(),
                        org.linedesk.identity.CurrentActor.get()).key());
    }

    /** {@code project}: whose rules to try (default: the default project's). */
    record SampleMessage(Channel channel, @Size(max = 320) String sender, List<String> recipients, String subject,
                         String body, Map<String, List<String>> headers, @Size(max = 32) String project) {
    }

    @ExceptionHandler(InvalidRoutingRulesException.class)
    ProblemDetail invalid(InvalidRoutingRulesException e) {
        return Problems.invalidFile("processes/routing.yaml", e.errors());
    }
}
