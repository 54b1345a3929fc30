package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketNumberTest {

    @Test
    void formatsWithSevenDigitsAndParsesBack() {
        assertThat(TicketNumber.format(123)).isEqualTo("INC-0000123");
        assertThat(TicketNumber.format(12_345_678)).isEqualTo("INC-12345678");
        assertThat(TicketNumber.parse("INC-0000123")).hasValue(123);
        assertThat(TicketNumber.parse(" inc-0000123 ")).hasValue(123);
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThat(TicketNumber.parse("INC-")).isEmpty();
        assertThat(TicketNumber.parse("123")).isEmpty();
        assertThat(TicketNumber.parse("INC-12a")).isEmpty();
        assertThat(TicketNumber.parse(null)).isEmpty();
    }
}
