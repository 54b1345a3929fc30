package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.PriorityMatrix;
import org.springframework.beans.factory.annotation.Autowired;

/** sla-definitions/priority-matrix.dmn, evaluated by the engine: the common ITIL table. */
@IntegrationTest
class PriorityMatrixTest {

    @Autowired
    PriorityMatrix matrix;

    @ParameterizedTest(name = "impact {0} × urgency {1} → {2}")
    @CsvSource({
            "HIGH,HIGH,P1", "HIGH,MEDIUM,P2", "HIGH,LOW,P3",
            "MEDIUM,HIGH,P2", "MEDIUM,MEDIUM,P3", "MEDIUM,LOW,P4",
            "LOW,HIGH,P3", "LOW,MEDIUM,P4", "LOW,LOW,P5"})
    void theItilMatrix(Level impact, Level urgency, Priority expected) {
        PriorityMatrix.Decision decision = matrix.decide(impact, urgency);

        assertThat(decision.priority()).isEqualTo(expected);
        assertThat(decision.explanation()).startsWith("priority-matrix v").contains(impact.name()).endsWith("→ " + expected);
    }
}
