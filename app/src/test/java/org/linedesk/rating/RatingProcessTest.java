package org.linedesk.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.workflow.ProcessStudio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a process owner models on ratings, without code: an event subprocess on message CustomerRated
 * that asks Solvers to call the customer back on a low rating; and a resolution without a reply, which
 * sends the customer the resolution notice with its own rating links. Leaves the shipped model newest.
 */
@IntegrationTest
class RatingProcessTest {

    static final Pattern LINK = Pattern.compile("http://localhost:8080/rate/([A-Z]+-\\d+)/([A-Za-z0-9_.-]+)\\?quality=5");

    @Autowired
    ProcessStudio studio;
    @Autowired
    TaskService tasks;
    @Autowired
    Ratings ratings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;

    ApiClient fl1;

    @BeforeEach
    void deployTheVariant() {
        timers.setTime(Date.from(Instant.parse("2026-11-23T07:00:00Z")));
        fl1 = new ApiClient(rest).as("fl1");
        studio.deploy("incident.bpmn", withCallBackOnBadRating().getBytes(StandardCharsets.UTF_8), "test");
    }

    @AfterEach
    void restoreTheShippedModel() {
        studio.deploy("incident.bpmn", shipped().getBytes(StandardCharsets.UTF_8), "test");
        timers.reset();
    }

    static String shipped() {
        try (InputStream in = new ClassPathResource("processes/incident.bpmn").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Triage may resolve without a reply; a low rating starts "Call the customer back" for Solvers. */
    static String withCallBackOnBadRating() {
        String model = shipped()
                .replaceFirst("name=\"action:resolve\" value=\"label=Answer and resolve; needs=reply\"",
                        "name=\"action:resolve\" value=\"label=Resolve; accepts=reply\"")
                .replace("<bpmn:message id=\"Message_SlaBreached\" name=\"SlaBreached\"/>",
                        "<bpmn:message id=\"Message_SlaBreached\" name=\"SlaBreached\"/>\n"
                                + "  <bpmn:message id=\"Message_CustomerRated\" name=\"CustomerRated\"/>")
                .replace("  </bpmn:process>", """
                    <bpmn:subProcess id="SubProcess_CustomerRated" triggeredByEvent="true">
                      <bpmn:startEvent id="Event_CustomerRated" isInterrupting="false">
                        <bpmn:outgoing>Flow_Rated</bpmn:outgoing>
                        <bpmn:messageEventDefinition messageRef="Message_CustomerRated"/>
                      </bpmn:startEvent>
                      <bpmn:sequenceFlow id="Flow_Rated" sourceRef="Event_CustomerRated" targetRef="Gateway_RatingLow"/>
                      <bpmn:exclusiveGateway id="Gateway_RatingLow" default="Flow_RatingFine">
                        <bpmn:incoming>Flow_Rated</bpmn:incoming>
                        <bpmn:outgoing>Flow_RatingLow</bpmn:outgoing>
                        <bpmn:outgoing>Flow_RatingFine</bpmn:outgoing>
                      </bpmn:exclusiveGateway>
                      <bpmn:sequenceFlow id="Flow_RatingLow" sourceRef="Gateway_RatingLow" targetRef="Task_CallBack">
                        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${ratingLow}</bpmn:conditionExpression>
                      </bpmn:sequenceFlow>
                      <bpmn:sequenceFlow id="Flow_RatingFine" sourceRef="Gateway_RatingLow" targetRef="Event_RatingFine"/>
                      <bpmn:endEvent id="Event_RatingFine"><bpmn:incoming>Flow_RatingFine</bpmn:incoming></bpmn:endEvent>
                      <bpmn:userTask id="Task_CallBack" name="Call the customer back" camunda:candidateGroups="solvers">
                        <bpmn:extensionElements>
                          <camunda:taskListener event="create" expression="${tickets.enqueue(task)}"/>
                          <camunda:taskListener event="assignment" expression="${tickets.assigneeChanged(task)}"/>
                          <camunda:properties>
                            <camunda:property name="action:called-back" value="label=Called back; accepts=reason"/>
                          </camunda:properties>
                        </bpmn:extensionElements>
                        <bpmn:incoming>Flow_RatingLow</bpmn:incoming>
                        <bpmn:outgoing>Flow_CalledBack</bpmn:outgoing>
                      </bpmn:userTask>
                      <bpmn:sequenceFlow id="Flow_CalledBack" sourceRef="Task_CallBack" targetRef="Event_CalledBack"/>
                      <bpmn:endEvent id="Event_CalledBack"><bpmn:incoming>Flow_CalledBack</bpmn:incoming></bpmn:endEvent>
                    </bpmn:subProcess>
                  </bpmn:process>""");
        return model;
    }

    String linkOf(String number, String purpose) {
        String body = jdbc.sql("""
                select o.body from outbound_mail o join ticket t on t.id = o.ticket_id
                 where t.number = ? and o.purpose = ?""").params(number, purpose).query(String.class).single();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(2);
    }

    long callBacks(String number) {
        String process = jdbc.sql("select process_instance_id from ticket where number = ?").param(number)
                .query(String.class).single();
        return tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("Task_CallBack")
                .taskCandidateGroup("solvers").count();
    }

    @Test
    void aLowRatingOfAnAnswerStartsTheCallBackThatTheProcessOwnerModelled() {
        String number = fl1.createTicket("Mail stuck in outbox");
        assertThat(fl1.action(number, "ask-customer", Map.of("reply", "Which mail program do you use?")).status())
                .isEqualTo(200);
        String token = linkOf(number, "REPLY");

        ratings.rate(number, token, 4, null, null);
        assertThat(callBacks(number)).isZero();
        ratings.rate(number, token, 1, 1, "You asked instead of helping");
        assertThat(callBacks(number)).isEqualTo(1);
        fl1.action(number, "close-spam", Map.of()); // the default desk's first line stays short
    }

    @Test
    void aResolutionWithoutAReplySendsTheNoticeWithItsOwnRatingLinks() {
        String number = fl1.createTicket("VPN drops every hour");
        assertThat(fl1.action(number, "resolve", Map.of()).status()).isEqualTo(200);

        String notice = jdbc.sql("""
                select o.body from outbound_mail o join ticket t on t.id = o.ticket_id
                 where t.number = ? and o.purpose = 'RESOLUTION'""").param(number).query(String.class).single();
        assertThat(notice).contains("we consider your request " + number + " resolved", "How did we do?");
        assertThat(jdbc.sql("select count(*) from outbound_mail o join ticket t on t.id = o.ticket_id "
                + "where t.number = ? and o.purpose = 'REPLY'").param(number).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select kind from rating_invitation i join ticket t on t.id = i.ticket_id where t.number = ?")
                .param(number).query(String.class).single()).isEqualTo("RESOLUTION");

        // this model's call-back cannot queue a resolved ticket: the engine refuses, the rating is kept all the same
        ratings.rate(number, linkOf(number, "RESOLUTION"), 2, null, "Still drops");
        assertThat(jdbc.sql("select r.quality from rating r join rating_invitation i on i.id = r.invitation_id "
                + "join ticket t on t.id = i.ticket_id where t.number = ?").param(number).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(callBacks(number)).isZero();
    }
}
