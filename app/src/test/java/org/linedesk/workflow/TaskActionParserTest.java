package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linedesk.ticket.TaskAction;
import org.linedesk.ticket.TaskAction.Input;

class TaskActionParserTest {

    @Test
    void readsLabelNeedsAcceptsAndAFixedGroup() {
        TaskAction a = TaskActionParser.parse("Task_X", "action:hand-over", "label=Hand over; needs=group; accepts=reason, reply");
        assertThat(a.id()).isEqualTo("hand-over");
        assertThat(a.label()).isEqualTo("Hand over");
        assertThat(a.needs()).containsExactly(Input.GROUP);
        assertThat(a.accepts()).containsExactlyInAnyOrder(Input.REASON, Input.REPLY);

        TaskAction fixed = TaskActionParser.parse("Task_X", "action:escalate", "group=solvers");
        assertThat(fixed.fixedGroup()).isEqualTo("solvers");
        assertThat(fixed.label()).isEqualTo("escalate");
    }

    @Test
    void mistakesNameTheElementThePropertyAndTheReason() {
        assertThatThrownBy(() -> TaskActionParser.parse("Task_Triage", "action:resolve", "nedds=reply"))
                .isInstanceOf(InvalidProcessException.class)
                .hasMessageContaining("Task_Triage").hasMessageContaining("action:resolve")
                .hasMessageContaining("unknown key 'nedds'");
        assertThatThrownBy(() -> TaskActionParser.parse("Task_Triage", "action:resolve", "needs=replay"))
                .hasMessageContaining("unknown input 'replay'");
        assertThatThrownBy(() -> TaskActionParser.parse("Task_Triage", "action:Resolve Now", ""))
                .hasMessageContaining("action id");
        assertThatThrownBy(() -> TaskActionParser.parse("Task_Triage", "action:x", "group=solvers; needs=group"))
                .hasMessageContaining("fixed group");
        assertThatThrownBy(() -> TaskActionParser.parse("Task_Triage", "action:x", "label"))
                .hasMessageContaining("not key=value");
    }
}
