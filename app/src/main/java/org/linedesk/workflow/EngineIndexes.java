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
 *       (10,000 tickets: 66 million rows read, a third of the migration's time; docs/performance.md).</li>
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
        log.debug("Engine indexes act_ru_job(duedate_), act_ru_event_subscr(proc_inst_id_) present");
    }
}
