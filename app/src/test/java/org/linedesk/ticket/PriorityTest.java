package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PriorityTest {

    @ParameterizedTest(name = "impact {0} × urgency {1} → {2}")
    @CsvSource({
            "HIGH,HIGH,P1", "HIGH,MEDIUM,P2", "HIGH,LOW,P3",
            "MEDIUM,HIGH,P2", "MEDIUM,MEDIUM,P3", "MEDIUM,LOW,P4",
            "LOW,HIGH,P3", "LOW,MEDIUM,P4", "LOW,LOW,P5"})
    void theItilMatrix(Level impact, Level urgency, Priority expected) {
        assertThat(Priority.of(impact, urgency)).isEqualTo(expected);
    }

    @Test
    void bothAxesAreRequired() {
        assertThatThrownBy(() -> Priority.of(null, Level.LOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
