package org.linedesk.console;

import java.util.List;
import java.util.Map;

import org.linedesk.audit.Audited;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Process owners reload processes/macros.yaml after editing it; a file with errors changes nothing (400). */
@RestController
@RequestMapping("/api/macros")
@PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
class MacroApiController {

    private final Macros macros;

    MacroApiController(Macros macros) {
        this.macros = macros;
    }

    @PostMapping("/reload")
    @Audited(value = "MACROS_RELOADED", target = "'processes/macros.yaml'", detail = "'action chains ' + #result['macros']")
    Map<String, List<String>> reload() {
        return Map.of("macros", macros.reload());
    }
}
