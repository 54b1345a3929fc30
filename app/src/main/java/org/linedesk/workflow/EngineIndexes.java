package org.linedesk.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks on PostgreSQL. The job executor acquires timers by due date
 * (job-executor-acquire-by-due-date); without this index that query scans every job. Created here,
 * after the engine created its tables, and idempotent.
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
        log.debug("Engine index act_ru_job(duedate_) present");
    }
}
