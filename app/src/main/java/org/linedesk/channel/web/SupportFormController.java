package org.linedesk.channel.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.linedesk.channel.CustomerIntake;
import org.linedesk.channel.IncomingRequest;
import org.linedesk.channel.IntakeResult;
import org.linedesk.core.AddressRateLimit;
import org.linedesk.core.Problems;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.MessageContent;
import org.linedesk.ticket.Requester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.linedesk.project.Project;
import org.linedesk.project.ProjectDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public web form: customers open a request without an account. Protected by CSRF (the token
 * comes with the page), a per-client-address rate limit and size limits; answered with the ticket
 * number and the promised answer time. The same endpoint speaks JSON for embedding in a site
 * (send the token from the page's meta tag as X-CSRF-TOKEN).
 */
@Controller
@RequestMapping("/support")
class SupportFormController {

    private final CustomerIntake intake;
    private final WebFormSettings settings;
    private final ProjectDirectory projects;
    private final AddressRateLimit limit;

    SupportFormController(CustomerIntake intake, WebFormSettings settings, ProjectDirectory projects) {
        this.intake = intake;
        this.projects = projects;
        this.settings = settings;
        this.limit = new AddressRateLimit(settings.requestsPerWindow(), settings.window());
    }

    /** The default project's form at /support, each other project's at /support/{project}. */
    @GetMapping({"", "/{project:[a-z][a-z0-9-]*}"})
    String form(@PathVariable(required = false) String project, Model model) {
        model.addAttribute("project", projectOf(project));
        model.addAttribute("form", SupportRequestForm.empty());
        return "support/form";
    }

    @PostMapping(value = {"", "/{project:[a-z][a-z0-9-]*}"}, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String submit(@PathVariable(required = false) String project, @Valid @ModelAttribute("form") SupportRequestForm form,
                  BindingResult errors, Model model, HttpServletRequest request) {
        Project desk = projectOf(project);
        model.addAttribute("project", desk);
        if (errors.hasErrors()) {
            return "support/form";
        }
        if (!limit.allows(request)) {
            model.addAttribute("error", "You have sent several requests in a short time. Please wait a few minutes "
                    + "and try again; your earlier requests have been registered.");
            return "support/form";
        }
        IntakeResult result = intake.receive(toRequest(form, request, desk));
        model.addAttribute("result", result);
        model.addAttribute("email", form.email());
        return "support/received";
    }

    @PostMapping(value = {"", "/{project:[a-z][a-z0-9-]*}"}, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> submitJson(@PathVariable(required = false) String project,
                                 @RequestBody @Valid SupportRequestForm form, HttpServletRequest request) {
        Project desk = projectOf(project);
        if (!limit.allows(request)) {
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "At most " + settings.requestsPerWindow() + " requests per " + settings.window()
                            + " from one address; try again later");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(settings.window().toSeconds())).body(problem);
        }
        IntakeResult result = intake.receive(toRequest(form, request, desk));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("ticket", result.ticketNumber(), "deadline", result.deadline() == null ? "" : result.deadline(),
                        "acknowledgementSent", result.acknowledged()));
    }


    /** The project of the form's address; an unknown one is 404 naming it. */
    private Project projectOf(String key) {
        return key == null ? projects.defaultProject() : projects.require(key);
    }

    private IncomingRequest toRequest(SupportRequestForm form, HttpServletRequest request, Project project) {
        String language = request.getLocale() != null && "ru".equals(request.getLocale().getLanguage()) ? "ru" : null;
        String name = form.name() == null || form.name().isBlank() ? null : form.name().strip();
        return new IncomingRequest(Channel.WEB, null,
                new Requester(name, form.email().strip().toLowerCase(Locale.ROOT), language), List.of(),
                form.subject().strip(), MessageContent.text(form.description().strip()), Map.of(), null, List.of(),
                List.of(), form.impact(), form.urgency(), false, true, project.isDefault() ? settings.queue() : null,
                List.of(), project.key());
    }
}
