package org.linedesk.workflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.engine.RepositoryService;
import org.linedesk.audit.AuditLog;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.ticket.TicketLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running tickets from one version of a process to another with the engine's migration API:
 * activities with equal ids map onto each other; a ticket waiting at an activity the target lacks (or
 * cannot map) stays where it is and is listed with the reason. Up to {@value #SYNC_LIMIT} tickets are
 * migrated at once, each in its own transaction (a ticket changed meanwhile is reported, not forced);
 * more run as an engine batch on the job executor, followed through {@link #status(long)}. Variables
 * (the ticket's group), history and SLA clocks stay as they are; listeners do not run.
 */
@Service
public class ProcessMigrations {

    static final int SYNC_LIMIT = 100;
    /** At most this many ticket numbers are listed for one activity in a preview. */
    static final int LISTED_PER_ACTIVITY = 200;

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final DeployedProcesses deployed;
    private final TicketLifecycle tickets;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ProcessMigrations(RuntimeService runtime, RepositoryService repository, ManagementService management,
                      DeployedProcesses deployed, TicketLifecycle tickets, JdbcTemplate jdbc, AuditLog audit, Clock clock,
                      PlatformTransactionManager transactionManager) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.deployed = deployed;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One activity of the source version with open tickets: whether they can move, and why not. */
    public record ActivityPlan(String activity, String name, long tickets, boolean maps, String reason, List<String> staying) {
    }

    public record Preview(String key, int from, int to, long tickets, long migratable, List<ActivityPlan> activities) {
    }

    public record Skipped(String ticket, String reason) {
    }

    /**
     * A migration: {@code state} is "done" or "running" (a batch); {@code migrated} tickets are on the
     * target now, {@code pending} still wait for the batch, {@code skipped} stay, each with its reason.
     */
    public record Result(Long id, String key, int from, int to, String state, int requested, int migrated, int pending,
                         List<Skipped> skipped, List<String> failures, String project) {
    }

    /**
     * Whose tickets move: every ticket on a shared version ({@code project} null), or one project's —
     * from a version of its own, or ({@code fromShared}) from a shared version onto one of its own.
     */
    public record Scope(String project, boolean fromShared) {
        public static final Scope SHARED = new Scope(null, false);

        String sourceProject() {
            return project == null || fromShared ? null : project;
        }
    }

    public Preview preview(String key, int from, int to) {
        return preview(key, from, to, Scope.SHARED);
    }

    public Preview preview(String key, int from, int to, Scope scope) {
        Plan plan = plan(key, from, to, scope);
        List<ActivityPlan> activities = new ArrayList<>();
        for (DeployedProcesses.ActivityCount count : plan.counts()) {
            String reason = plan.unmapped().get(count.activity());
            List<String> staying = reason == null ? List.of() : numbersAt(plan, count.activity(), LISTED_PER_ACTIVITY);
            activities.add(new ActivityPlan(count.activity(), count.name(), count.tickets(), reason == null, reason, staying));
        }
        long tickets = instances(plan).count();
        // a ticket waiting at several activities at once (rare here) moves only if all of them map
        long staying = plan.unmapped().isEmpty() ? 0 : instances(plan)
                .activityIdIn(plan.unmapped().keySet().toArray(String[]::new)).count();
        return new Preview(key, from, to, tickets, tickets - staying, activities);
    }

    /**
     * Migrates the tickets of version {@code from} (all, or those numbered in {@code ticketNumbers}) to
     * version {@code to}.
     */
    public Result migrate(String key, int from, int to, List<String> ticketNumbers, String actor) {
        return migrate(key, from, to, ticketNumbers, actor, Scope.SHARED);
    }

    public Result migrate(String key, int from, int to, List<String> ticketNumbers, String actor, Scope scope) {
        Plan plan = plan(key, from, to, scope);
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Long> candidates = candidates(plan, ticketNumbers, skipped);
        int requested = candidates.size() + skipped.size(); // the numbers that named no ticket of the version count too
        // process instance id → why it stays, asked once per activity the target cannot take
        Map<String, String> staying = new HashMap<>();
        if (!candidates.isEmpty()) {
            plan.unmapped().forEach((activity, reason) -> instances(plan).activityIdIn(activity).list().stream()
                    .filter(instance -> candidates.containsKey(instance.getId()))
                    .forEach(instance -> staying.putIfAbsent(instance.getId(), reason)));
        }
        Map<Long, String> numbers = tickets.numbers(candidates.values());
        List<String> toMigrate = new ArrayList<>();
        for (Map.Entry<String, Long> c : candidates.entrySet()) {
            String reason = staying.get(c.getKey());
            if (reason != null) {
                skipped.add(new Skipped(numbers.get(c.getValue()), reason));
            } else {
                toMigrate.add(c.getKey());
            }
        }
        Result result;
        if (toMigrate.size() <= SYNC_LIMIT) {
            int migrated = 0;
            for (String instance : toMigrate) {
                String problem = migrateOne(plan.plan(), instance);
                if (problem == null) {
                    migrated++;
                } else {
                    skipped.add(new Skipped(numbers.get(candidates.get(instance)), problem));
                }
            }
            result = new Result(null, key, from, to, "done", requested, migrated, 0, skipped, List.of(), scope.project());
        } else {
            // the batch and LineDesk's record of it in one transaction: no batch that nobody can follow
            Long id = transactions.execute(status -> {
                Batch batch = runtime.newMigration(plan.plan()).processInstanceIds(toMigrate).skipCustomListeners()
                        .skipIoMappings().executeAsync();
                return jdbc.queryForObject("""
                        insert into process_migration (process_key, from_version, to_version, requested_by, requested_at,
                                                       batch_id, instance_ids, skipped, project, from_shared)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                        key, from, to, actor, Timestamp.from(clock.instant()), batch.getId(), String.join(",", toMigrate),
                        skipped.stream().map(s -> s.ticket() + "\t" + s.reason()).collect(Collectors.joining("\n")),
                        scope.project(), scope.fromShared());
            });
            result = new Result(id, key, from, to, "running", requested, 0, toMigrate.size(), skipped, List.of(),
                    scope.project());
        }
        audit.record(actor, "TICKETS_MIGRATED", key + " v" + from + " → v" + to + (scope.project() == null ? ""
                : " (project " + scope.project() + (scope.fromShared() ? ", from the shared version" : "") + ")"),
                requested + " tickets: "
                + (result.state().equals("done") ? result.migrated() + " migrated" : toMigrate.size() + " in batch " + result.id())
                + ", " + skipped.size() + " stay", org.linedesk.audit.AuditLog.OK, scope.project());
        return result;
    }

    /** How a batch migration stands, for a reader: another project's migration is as absent as none. */
    public Result status(long id, org.linedesk.identity.Actor reader) {
        Result result = status(id);
        if (result.project() != null && !reader.seesProject(result.project())) {
            throw new NotFoundException("No migration " + id);
        }
        return result;
    }

    /** How a batch migration stands (the tickets' versions are read from the engine each time). */
    public Result status(long id) {
        Map<String, Object> row = jdbc.queryForList("select * from process_migration where id = ?", id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No migration " + id));
        String key = (String) row.get("process_key");
        int from = ((Number) row.get("from_version")).intValue();
        int to = ((Number) row.get("to_version")).intValue();
        Scope scope = new Scope((String) row.get("project"), Boolean.TRUE.equals(row.get("from_shared")));
        Set<String> instances = Set.of(((String) row.get("instance_ids")).split(","));
        String target = deployed.version(key, to, scope.project()).id();
        int migrated = (int) countOn(target, instances);
        int pending = (int) countOn(deployed.version(key, from, scope.sourceProject()).id(), instances);
        List<Skipped> skipped = new ArrayList<>();
        String stored = (String) row.get("skipped");
        if (stored != null && !stored.isEmpty()) {
            for (String line : stored.split("\n")) {
                String[] parts = line.split("\t", 2);
                skipped.add(new Skipped(parts[0], parts.length > 1 ? parts[1] : ""));
            }
        }
        String batchId = (String) row.get("batch_id");
        Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        List<String> failures = new ArrayList<>();
        boolean working = false;
        if (batch != null) {
            // jobs left that are not failed for good: the batch is still at work (or retrying)
            BatchStatistics stats = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
            working = stats == null || stats.getRemainingJobs() > stats.getFailedJobs() || batch.getJobsCreated() < batch.getTotalJobs();
            for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).withException().list()) {
                failures.add(job.getExceptionMessage());
            }
        }
        String state = working ? "running" : pending > 0 ? "failed" : "done";
        return new Result(id, key, from, to, state, instances.size() + skipped.size(), migrated, pending, skipped, failures,
                scope.project());
    }

    /**
     * The engine's plan for equal activity ids, the source's open tickets per activity, and the activities
     * among them that the target cannot take, with why.
     */
    private record Plan(DeployedProcesses.Definition source, DeployedProcesses.Definition target, MigrationPlan plan,
                        List<DeployedProcesses.ActivityCount> counts, Map<String, String> unmapped, String tenant) {
    }

    private Plan plan(String key, int from, int to, Scope scope) {
        if (from == to && !scope.fromShared()) {
            throw new InvalidInputException("to", "the target version must differ from the source version " + from);
        }
        DeployedProcesses.Definition source = deployed.version(key, from, scope.sourceProject());
        DeployedProcesses.Definition target = deployed.version(key, to, scope.project());
        if (source.kind() != DeployedProcesses.Kind.process) {
            throw new InvalidInputException("key", "'" + key + "' is a decision; only process tickets migrate");
        }
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(source.id(), target.id()).mapEqualActivities().build();
        } catch (MigrationPlanValidationException e) {
            String reasons = e.getValidationReport().getInstructionReports().stream()
                    .map(r -> r.getMigrationInstruction().getSourceActivityId() + ": " + String.join("; ", r.getFailures()))
                    .collect(Collectors.joining(" | "));
            throw new InvalidInputException("to", "the engine cannot map version " + from + " onto " + to + ": " + reasons);
        }
        Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId).collect(Collectors.toSet());
        BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.id());
        List<DeployedProcesses.ActivityCount> counts = counts(source, scope.project());
        Map<String, String> unmapped = new LinkedHashMap<>();
        for (DeployedProcesses.ActivityCount count : counts) {
            if (!mapped.contains(count.activity())) {
                FlowElement there = targetModel.getModelElementById(count.activity());
                unmapped.put(count.activity(), there == null
                        ? "'" + count.activity() + "' does not exist in version " + to
                        : "'" + count.activity() + "' changed its kind or place in version " + to + "; the engine cannot map it");
            }
        }
        return new Plan(source, target, plan, counts, unmapped, scope.project());
    }

    /** Open tickets per activity of the source; of a shared source and one project, that project's only. */
    private List<DeployedProcesses.ActivityCount> counts(DeployedProcesses.Definition source, String project) {
        List<DeployedProcesses.ActivityCount> all = deployed.activityCounts(source);
        if (project == null || source.project() != null) {
            return all;
        }
        List<DeployedProcesses.ActivityCount> own = new ArrayList<>();
        for (DeployedProcesses.ActivityCount c : all) {
            long n = runtime.createProcessInstanceQuery().processDefinitionId(source.id()).tenantIdIn(project)
                    .activityIdIn(c.activity()).count();
            if (n > 0) {
                own.add(new DeployedProcesses.ActivityCount(c.activity(), c.name(), n));
            }
        }
        return own;
    }

    /** The running instances on the plan's source, of its project when it has one (the engine's tenant id). */
    private org.camunda.bpm.engine.runtime.ProcessInstanceQuery instances(Plan plan) {
        var query = runtime.createProcessInstanceQuery().processDefinitionId(plan.source().id());
        return plan.tenant() == null ? query : query.tenantIdIn(plan.tenant());
    }

    /** Process instance id → ticket id of the tickets asked for (all on the source version when none are named). */
    private Map<String, Long> candidates(Plan plan, List<String> ticketNumbers, List<Skipped> skipped) {
        Map<String, Long> candidates = new LinkedHashMap<>();
        if (ticketNumbers == null || ticketNumbers.isEmpty()) {
            for (ProcessInstance instance : instances(plan).list()) {
                candidates.put(instance.getId(), Long.parseLong(instance.getBusinessKey()));
            }
            return candidates;
        }
        Set<String> wanted = new LinkedHashSet<>();
        ticketNumbers.forEach(number -> wanted.add(number.trim()));
        Map<String, String> byInstance = new LinkedHashMap<>();
        for (String number : wanted) {
            var ticket = tickets.find(number);
            if (ticket.isEmpty()) {
                skipped.add(new Skipped(number, "no such ticket"));
            } else if (ticket.get().processInstanceId() == null) {
                skipped.add(new Skipped(number, "the ticket has no process"));
            } else {
                byInstance.put(ticket.get().processInstanceId(), number);
            }
        }
        Map<String, ProcessInstance> running = new LinkedHashMap<>();
        if (!byInstance.isEmpty()) {
            runtime.createProcessInstanceQuery().processInstanceIds(byInstance.keySet()).list()
                    .forEach(instance -> running.put(instance.getId(), instance));
        }
        for (Map.Entry<String, String> ticket : byInstance.entrySet()) {
            ProcessInstance instance = running.get(ticket.getKey());
            if (instance == null) {
                skipped.add(new Skipped(ticket.getValue(), "the ticket's process has ended (closed)"));
            } else if (plan.tenant() != null && !plan.tenant().equals(instance.getTenantId())) {
                skipped.add(new Skipped(ticket.getValue(), "is not a ticket of project '" + plan.tenant() + "'"));
            } else if (!instance.getProcessDefinitionId().equals(plan.source().id())) {
                skipped.add(new Skipped(ticket.getValue(), "runs on another version, not on version " + plan.source().version()));
            } else {
                candidates.put(instance.getId(), Long.parseLong(instance.getBusinessKey()));
            }
        }
        return candidates;
    }

    /** Null when migrated, else why not. */
    private String migrateOne(MigrationPlan plan, String instanceId) {
        try {
            runtime.newMigration(plan).processInstanceIds(instanceId).skipCustomListeners().skipIoMappings().execute();
            return null;
        } catch (OptimisticLockingException e) {
            return "the ticket changed while it was being migrated; nothing was changed, try again";
        } catch (MigratingProcessInstanceValidationException e) {
            return "the engine refused: " + String.join("; ", e.getValidationReport().getFailures())
                    + e.getValidationReport().getActivityInstanceReports().stream()
                    .flatMap(r -> r.getFailures().stream().map(f -> " " + r.getSourceScopeId() + ": " + f))
                    .collect(Collectors.joining(";"));
        } catch (ProcessEngineException e) {
            return "the engine refused: " + e.getMessage();
        }
    }

    private List<String> numbersAt(Plan plan, String activity, int limit) {
        List<ProcessInstance> instances = instances(plan).activityIdIn(activity).listPage(0, limit);
        Map<Long, String> numbers = tickets.numbers(instances.stream().map(i -> Long.parseLong(i.getBusinessKey())).toList());
        return instances.stream().map(i -> numbers.get(Long.parseLong(i.getBusinessKey()))).filter(n -> n != null).sorted().toList();
    }

    /**
     * How many of these process instances run on that definition now. One indexed lookup by id in the
     * engine's execution table: the engine's process instance query with thousands of ids took ~0.2 s
     * a call and slowed the very migration a status page polls.
     */
    private long countOn(String definitionId, Collection<String> instances) {
        String table = management.getTableName(ExecutionEntity.class);
        return jdbc.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement count = c.prepareStatement(
                    "select count(*) from " + table + " where id_ = any (?) and proc_def_id_ = ?")) {
                count.setArray(1, c.createArrayOf("varchar", instances.toArray()));
                count.setString(2, definitionId);
                try (java.sql.ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
