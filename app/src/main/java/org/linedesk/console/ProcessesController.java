package org.linedesk.console;

import org.linedesk.workflow.DeployedProcesses;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The process owner's page: deployed processes and decisions, their versions, tickets on each version. */
@Controller
@PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
class ProcessesController {

    private final DeployedProcesses processes;

    ProcessesController(DeployedProcesses processes) {
        this.processes = processes;
    }

    @GetMapping("/processes")
    String page(Model model) {
        model.addAttribute("definitions", processes.definitions());
        return "processes";
    }
}
