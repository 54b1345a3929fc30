package org.linedesk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/macros.yaml is checked before use: every error names the macro, the step and the field. */
@IntegrationTest
class MacrosFileTest {

    @Autowired
    Macros macros;

    @Test
    void theShippedFileLoadsAndFitsTheTriageStep() {
        assertThat(macros.reload()).contains("password-reset-and-resolve", "ask-recovery-email", "close-as-spam",
                "to-passwords");
        assertThat(macros.fitting(java.util.Set.of("close-spam"), "default").stream().map(Macro::name)).contains("close-as-spam")
                .doesNotContain("to-passwords");
    }

    @Test
    void aBadFileIsRefusedWithEveryErrorAndNothingChanges() {
        String yaml = """
                macros:
                  - name: ok-one
                    title: Fine
                    steps:
                      - action: resolve
                        template: password-reset
                  - name: ok-one
                    title: Same name
                    steps:
                      - action: fly-to-the-moon
                  - name: note-and-action
                    title: Mixed
                    steps:
                      - note: hello
                        action: resolve
                  - name: action-first
                    title: Order
                    steps:
                      - action: ask-customer
                        reply: which account?
                      - note: asked
                  - name: Bad Name
                    title: x
                    steps: []
                """;
        assertThatThrownBy(() -> macros.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::reason).anySatisfy(r -> assertThat(r).contains("$.macros[4]")));
        String semantic = yaml.substring(0, yaml.indexOf("  - name: Bad Name"));
        assertThatThrownBy(() -> macros.parse(new ByteArrayInputStream(semantic.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::reason).containsExactlyInAnyOrder(
                                "processes/macros.yaml: macro 'ok-one' ($.macros[1]).name: the name is used by an earlier macro of project 'default'",
                                "processes/macros.yaml: macro 'ok-one' ($.macros[1]).steps[0].action: 'fly-to-the-moon' is not"
                                        + " an action of incident.bpmn; known: resolve, ask-customer, hand-over, close-spam, escalate",
                                "processes/macros.yaml: macro 'note-and-action' ($.macros[2]).steps[0]: a note is a step of its own",
                                "processes/macros.yaml: macro 'action-first' ($.macros[3]).steps: at most one action, and it"
                                        + " comes last (it may end the step the others act on)"));
        assertThat(macros.fitting(java.util.Set.of("resolve"), "default").stream().map(Macro::name)).contains("password-reset-and-resolve");
    }
}
