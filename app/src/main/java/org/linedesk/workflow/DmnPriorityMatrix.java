package org.linedesk.workflow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.PriorityMatrix;
import org.springframework.stereotype.Component;

/** The priority matrix as the engine's DMN decision {@value #DECISION_KEY} (sla-definitions/priority-matrix.dmn). */
@Component
class DmnPriorityMatrix implements PriorityMatrix {

    static final String DECISION_KEY = "priority";
    /** The file the matrix lives in (sla-definitions/priority-matrix.dmn), without its extension. */
    static final String FILE_NAME_KEY = "priority-matrix";
    /** The newest version is looked up again after this long: a new version from the studio applies within it. */
    private static final long LOOKUP_TTL_NANOS = 10_000_000_000L;

    private final DecisionService decisionService;
    private final RepositoryService repositoryService;
    private volatile DecisionDefinition latest;
    private volatile long latestExpiresAt;
    /**
     * A decision table version is immutable and its rules depend only on the inputs, so each of the
     * nine answers is evaluated once per version (the FEEL evaluation took a third of a ticket's intake).
     */
    private final Map<String, Decision> decided = new ConcurrentHashMap<>();

    DmnPriorityMatrix(DecisionService decisionService, RepositoryService repositoryService) {
        this.decisionService = decisionService;
        this.repositoryService = repositoryService;
    }

    @Override
    public Decision decide(Level impact, Level urgency) {
        DecisionDefinition definition = latest();
        return decided.computeIfAbsent(definition.getId() + "|" + impact + "|" + urgency,
                key -> evaluate(definition, impact, urgency));
    }

    private Decision evaluate(DecisionDefinition definition, Level impact, Level urgency) {
        DmnDecisionResult result = decisionService.evaluateDecisionById(definition.getId())
                .variables(Map.of("impact", impact.rank(), "urgency", urgency.rank()))
                .evaluate();
        List<Map<String, Object>> rows = result.getResultList();
        if (rows.size() != 1) {
            throw new IllegalStateException("priority-matrix.dmn v" + definition.getVersion() + " gave " + rows.size()
                    + " results for impact " + impact.rank() + ", urgency " + urgency.rank() + "; it must give exactly one");
        }
        Priority priority = Priority.valueOf(String.valueOf(rows.get(0).get("priority")));
        return new Decision(priority, "priority-matrix v" + definition.getVersion() + ": impact " + impact + " ("
                + impact.rank() + ") × urgency " + urgency + " (" + urgency.rank() + ") → " + priority);
    }

    private DecisionDefinition latest() {
        if (latest == null || System.nanoTime() - latestExpiresAt > 0) {
            latest = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
                    .withoutTenantId().latestVersion().singleResult();
            if (latest == null) {
                throw new IllegalStateException("The decision '" + DECISION_KEY + "' (sla-definitions/priority-matrix.dmn) is not deployed");
            }
            latestExpiresAt = System.nanoTime() + LOOKUP_TTL_NANOS;
        }
        return latest;
    }
}
