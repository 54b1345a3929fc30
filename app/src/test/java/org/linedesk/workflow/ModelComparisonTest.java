package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The element-by-element comparison behind the studio's compare page, deploy summary and "unchanged". */
class ModelComparisonTest {

    static String shipped() throws IOException {
        try (InputStream in = new ClassPathResource("processes/incident.bpmn").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ModelComparison.Diff diff(String older, String newer) {
        return ModelComparison.compare(older.getBytes(StandardCharsets.UTF_8), newer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameModelReformattedIsUnchanged() throws IOException {
        String model = shipped();
        String reformatted = model.replace("\n    ", "\n\t").replace("<!-- Every way into a queue passes here: new tickets, hand-overs, customer answers, reopens. -->", "")
                .replace("<bpmn:incoming>Flow_Start</bpmn:incoming>\n      <bpmn:incoming>Flow_TriageHandOver</bpmn:incoming>",
                        "<bpmn:incoming>Flow_TriageHandOver</bpmn:incoming>\n      <bpmn:incoming>Flow_Start</bpmn:incoming>");
        ModelComparison.Diff diff = diff(model, reformatted);
        assertThat(diff.unchanged()).as(diff.summary()).isTrue();
        assertThat(diff.summary()).isEqualTo("no change");
    }

    @Test
    void addedRemovedChangedAndMovedAreToldApart() throws IOException {
        String model = shipped();
        String changed = model
                .replace("name=\"Triage\"", "name=\"Triage the request\"")
                .replace("label=Close as spam; accepts=reason", "label=Close as spam; needs=reason")
                .replace("<bpmn:endEvent id=\"End_Escalated\" name=\"Escalated\">",
                        "<bpmn:endEvent id=\"End_Escalated2\" name=\"Escalated\">")
                .replace("bpmnElement=\"End_Escalated\"", "bpmnElement=\"End_Escalated2\"")
                .replace("targetRef=\"End_Escalated\"", "targetRef=\"End_Escalated2\"")
                .replace("<dc:Bounds x=\"122\" y=\"262\"", "<dc:Bounds x=\"100\" y=\"262\"");
        ModelComparison.Diff diff = diff(model, changed);

        assertThat(diff.added()).extracting(ModelComparison.ElementRef::id).containsExactly("End_Escalated2");
        assertThat(diff.removed()).extracting(ModelComparison.ElementRef::id).containsExactly("End_Escalated");
        assertThat(diff.added().get(0).type()).isEqualTo("bpmn:EndEvent");
        ModelComparison.Changed triage = diff.changed().stream().filter(c -> c.id().equals("Task_Triage")).findFirst().orElseThrow();
        assertThat(triage.what()).containsExactlyInAnyOrder("name", "extensionElements");
        assertThat(diff.changed()).extracting(ModelComparison.Changed::id).contains("Flow_Escalated");
        assertThat(diff.layoutChanged()).containsExactly("StartEvent_TicketOpened");
        assertThat(diff.summary()).contains("added End_Escalated2 'Escalated'", "removed End_Escalated", "Task_Triage (extensionElements, name)",
                "layout of 1 element");
    }
}
