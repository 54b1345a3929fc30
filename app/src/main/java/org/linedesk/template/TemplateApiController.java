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
import org.springframework.web.bind.annotation.RestController;

/** Response templates: every agent reads them; managers, process owners and admins edit them. */
@RestController
@RequestMapping("/api/templates")
class TemplateApiController {

    private final Templates templates;

    TemplateApiController(Templates templates) {
        this.templates = templates;
    }

    @GetMapping
    List<ResponseTemplate> list() {
        return templates.list();
    }

    @GetMapping("/{name}")
    List<ResponseTemplate> get(@PathVariable String name) {
        return templates.get(name);
    }

    @PutMapping("/{name}/{language}")
    @PreAuthorize("hasAnyRole('MANAGER', 'PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "TEMPLATE_SAVED", target = "'template ' + #name + '/' + #language",
            detail = "'version ' + #result.version()")
    ResponseTemplate save(@PathVariable String name, @PathVariable String language, @RequestBody TemplateBody body) {
        return templates.save(name, language, body.title(), body.subject(), body.body(), body.version(),
                CurrentActor.get().userId());
    }

    @DeleteMapping("/{name}/{language}")
    @PreAuthorize("hasAnyRole('MANAGER', 'PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "TEMPLATE_DELETED", target = "'template ' + #name + '/' + #language")
    ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String language) {
        templates.delete(name, language);
        return ResponseEntity.noContent().build();
    }

    /** {@code version}: the version the editor saw (omit to create). */
    record TemplateBody(String title, String subject, String body, Long version) {
    }
}
