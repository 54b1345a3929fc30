package org.linedesk.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks on PostgreSQL, created here after the engine created its
 * tables, idempotent:
 * <ul>
 *   <li>jobs by due date: the job executor acquires timers by due date (job-executor-acquire-by-due-date);
 *       without the index that query scans every job;</li>
 *   <li>event subscriptions by process instance: a migration reads each instance's subscriptions by
 *       process instance id; without the index every migrated ticket scanned all subscriptions
 *       (10,000 tickets: 66 million rows read, a third of the migration's time; docs/performance.md);</li>
 *   <li>tasks by parent task: completing a task (an agent's step, an SLA hand-over) looks for its
 *       subtasks; without the index each completion scans every open task.</li>
 * </ul>
 */
@Component
class EngineIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    private final JdbcTemplate jdbc;

    EngineIndexes(JdbcTemplate jdbc, ProcessEngine engineMustExistFirst) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("create index if not exists linedesk_idx_job_duedate on act_ru_job (duedate_)");
        jdbc.execute("create index if not exists linedesk_idx_event_subscr_procinst on act_ru_event_subscr (proc_inst_id_)");
        // completing a task looks for its subtasks: without this, a scan of every open task per completion
        jdbc.execute("create index if not exists linedesk_idx_task_parent on act_ru_task (parent_task_id_)");
        log.debug("Engine indexes act_ru_job(duedate_), act_ru_event_subscr(proc_inst_id_), act_ru_task(parent_task_id_) present");
    }
}
