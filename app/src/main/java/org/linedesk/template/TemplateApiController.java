package org.linedesk.template;

import java.util.List;

import org.linedesk.audit.Audited;
import org.linedesk.identity.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Response templates: every agent reads them; managers, process owners and admins edit them. */
@RestController
@RequestMapping("/api/templates")
class TemplateApiController {

    private final Templates templates;

    TemplateApiController(Templates templates) {
        this.templates = templates;
    }

    /** {@code project}: one project's templates (with the shared ones it uses); none: every project the caller sees. */
    @GetMapping
    List<ResponseTemplate> list(@RequestParam(required = false) String project) {
        return templates.list(blankToNull(project), CurrentActor.get());
    }

    @GetMapping("/{name}")
    List<ResponseTemplate> get(@PathVariable String name, @RequestParam(required = false) String project) {
        return templates.get(name, blankToNull(project), CurrentActor.get());
    }

    @PutMapping("/{name}/{language}")
    @PreAuthorize("hasAnyRole('MANAGER', 'PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "TEMPLATE_SAVED", target = "'template ' + #name + '/' + #language",
            detail = "'project ' + #result.project() + ', version ' + #result.version()", project = "#result.project()")
    ResponseTemplate save(@PathVariable String name, @PathVariable String language,
                          @RequestParam(required = false) String project, @RequestBody TemplateBody body) {
        return templates.save(templates.projectToEdit(project, CurrentActor.get()), name, language, body.title(),
                body.subject(), body.body(), body.version(), CurrentActor.get().userId());
    }

    @DeleteMapping("/{name}/{language}")
    @PreAuthorize("hasAnyRole('MANAGER', 'PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "TEMPLATE_DELETED", target = "'template ' + #name + '/' + #language", detail = "'project ' + #project")
    ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String language,
                                @RequestParam(required = false) String project) {
        templates.delete(templates.projectToEdit(project, CurrentActor.get()), name, language);
        return ResponseEntity.noContent().build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code version}: the version the editor saw (omit to create). */
    record TemplateBody(String title, String subject, String body, Long version) {
    }
}
