package org.linedesk.support;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Moves the engine's clock and fires the timers that are then due — what the job executor does
 * in production, under the test's control instead of sleeping.
 */
@Component
public class EngineTimers {

    private final ManagementService managementService;

    EngineTimers(ManagementService managementService) {
        this.managementService = managementService;
    }

    /** Advances the engine clock and executes the due timers of this process instance; returns how many fired. */
    public int advanceAndFire(String processInstanceId, Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
        List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list();
        due.forEach(job -> managementService.executeJob(job.getId()));
        return due.size();
    }

    public List<Job> timers(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers().list();
    }

    public void reset() {
        ClockUtil.reset();
    }
}
