package org.linedesk.report.schedule;

import java.util.List;

import org.linedesk.identity.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled reports: managers, auditors and admins manage subscriptions and see every run. */
@RestController
@RequestMapping("/api/reports/subscriptions")
@PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR', 'ADMIN')")
class SubscriptionApiController {

    private final ReportSubscriptions subscriptions;

    SubscriptionApiController(ReportSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping
    List<Subscription> list() {
        return subscriptions.list(CurrentActor.get());
    }

    @PostMapping
    ResponseEntity<Subscription> create(@RequestBody ReportSubscriptions.Request request) {
        Subscription s = subscriptions.create(request, CurrentActor.get());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(java.net.URI.create("/api/reports/subscriptions/" + s.id())).body(s);
    }

    @GetMapping("/{id}")
    Subscription get(@PathVariable long id) {
        return subscriptions.get(id, CurrentActor.get());
    }

    @PutMapping("/{id}")
    Subscription update(@PathVariable long id, @RequestBody ReportSubscriptions.Request request) {
        return subscriptions.update(id, request, CurrentActor.get());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        subscriptions.delete(id, CurrentActor.get());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/runs")
    List<ReportSubscriptions.Run> runs(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return subscriptions.runs(id, Math.max(1, Math.min(limit, 500)), CurrentActor.get());
    }

    @PostMapping("/{id}/run")
    ResponseEntity<Void> runNow(@PathVariable long id) {
        subscriptions.runNow(id, CurrentActor.get());
        return ResponseEntity.accepted().build();
    }
}
