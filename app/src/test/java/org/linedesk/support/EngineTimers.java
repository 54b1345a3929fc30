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

    /**
     * Advances the engine clock and executes the due timers of this process instance, again and again
     * while firing creates timers that are due too (a warning and a breach both passed); returns how many fired.
     */
    public int advanceAndFire(String processInstanceId, Duration by) {
        setTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
        return fireDue(processInstanceId);
    }

    public int fireDue(String processInstanceId) {
        int fired = 0;
        for (int round = 0; round < 50; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                    .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list();
            if (due.isEmpty()) {
                return fired;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
            fired += due.size();
        }
        throw new AssertionError("timers keep falling due: a loop in the process?");
    }

    /** Sets the engine (and, in tests, the application) clock. */
    public void setTime(Date time) {
        ClockUtil.setCurrentTime(time);
    }

    public List<Job> timers(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers().list();
    }

    public List<Job> timers(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).timers().list();
    }

    public void reset() {
        ClockUtil.reset();
    }
}
