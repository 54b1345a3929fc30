package org.linedesk.workflow;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.linedesk.sla.SlaClocks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers LineDesk's own job handler (the SLA clock timer) with the engine. */
@Component
class EnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<SlaClocks> clocks;

    EnginePlugin(ObjectProvider<SlaClocks> clocks) {
        this.clocks = clocks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomJobHandlers() == null) {
            configuration.setCustomJobHandlers(new ArrayList<>());
        }
        configuration.getCustomJobHandlers().add(new SlaClockJobHandler(clocks));
    }
}
