package org.linedesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.Role;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.ExpressionCanary;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's known holes, closed here: the Admin webapp's unauthenticated first-run setup
 * (CVE-2026-77226) and expressions in task queries (CVE-2026-109432), plus what process owners may do
 * in Cockpit.
 */
@IntegrationTest
class EngineHardeningTest {

    static final String EVIL = "${expressionCanary.touch()}";
    static final List<String> EVERY_ROLE = List.of("fl1", "mgr", "aud", "po", "adm");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    ExpressionCanary canary;
    @Autowired
    JdbcClient jdbc;

    ApiClient api() {
        return new ApiClient(rest);
    }

    @Test
    void theSetupEndpointCreatesNoAdministratorForAnyoneEvenWithAnEmptyAdminGroup() {
        // The advisory's precondition: camunda-admin has no direct member.
        identity.deleteMembership("adm", Role.ADMIN.groupId());
        try {
            assertThat(identity.createUserQuery().memberOfGroup(Role.ADMIN.groupId()).count()).isZero();
            Map<String, Object> intruder = Map.of("profile", Map.of("id", "intruder", "firstName", "I", "lastName", "X",
                    "email", "intruder@example.com"), "credentials", Map.of("password", "pass1234"));

            Response anonymous = api().post("/camunda/api/admin/setup/default/user/create", intruder);
            assertThat(anonymous.status()).isEqualTo(403);
            for (String user : EVERY_ROLE) {
                assertThat(api().as(user).post("/camunda/api/admin/setup/default/user/create", intruder).status())
                        .as("setup as " + user).isEqualTo(403);
            }
            assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
            assertThat(identity.createUserQuery().memberOfGroup(Role.ADMIN.groupId()).count()).isZero();
        } finally {
            identity.createMembership("adm", Role.ADMIN.groupId());
        }
    }

    @Test
    void theWebappsApiIsOnlyForTheRolesThatUseTheWebapps() {
        String engineApi = "/camunda/api/engine/engine/default/process-definition/count";
        assertThat(api().get(engineApi).status()).isEqualTo(401);
        for (String user : List.of("fl1", "mgr", "aud")) {
            assertThat(api().as(user).get(engineApi).status()).as(user).isEqualTo(403);
            assertThat(api().as(user).get("/camunda/api/admin/auth/user/default").status()).as(user).isEqualTo(403);
        }
        assertThat(api().as("po").get(engineApi).status()).isEqualTo(200);
        assertThat(api().as("adm").get(engineApi).status()).isEqualTo(200);
        // Admin (users, groups, authorizations) and Tasklist are the administrator's.
        assertThat(api().as("po").get("/camunda/api/admin/plugin/adminPlugins/default").status()).isEqualTo(403);
        assertThat(api().as("po").get("/camunda/app/admin/default/").status()).isEqualTo(403);
        assertThat(api().as("po").get("/camunda/app/tasklist/default/").status()).isEqualTo(403);
        assertThat(api().as("adm").get("/camunda/app/admin/default/").status()).isEqualTo(200);
    }

    @Test
    void theAdvisorysPayloadNestedInOrQueriesIsRefusedUnevaluatedAndAudited() {
        int before = canary.touches();
        Response r = api().as("adm").post("/engine-rest/task",
                Map.of("orQueries", List.of(Map.of("assigneeExpression", EVIL))));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("expressions are not allowed").contains("taskAssignee=" + EVIL);
        assertThat(canary.touches()).isEqualTo(before);
        Map<String, Object> entry = jdbc.sql("""
                select actor, client_address, result, detail from audit_log
                 where action = 'TASK_QUERY_REFUSED' order by id desc limit 1""").query().singleRow();
        assertThat(entry.get("actor")).isEqualTo("adm");
        assertThat(entry.get("client_address")).isEqualTo("127.0.0.1");
        assertThat((String) entry.get("result")).startsWith("REFUSED:");
        assertThat((String) entry.get("detail")).contains(EVIL);
    }

    @Test
    void expressionsAreRefusedOnEveryPathGetPostDeeplyNestedAndCountsToo() {
        int before = canary.touches();
        // GET with a query parameter, on the webapps' API as a process owner
        assertThat(api().as("po").getEncoded("/camunda/api/engine/engine/default/task?assigneeExpression="
                + java.net.URLEncoder.encode(EVIL, java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(400);
        // the count resource, a *Expression field of another kind, #{…} syntax
        assertThat(api().as("adm").post("/engine-rest/task/count",
                Map.of("orQueries", List.of(Map.of("candidateGroupsExpression", "#{expressionCanary.touch()}")))).status())
                .isEqualTo(400);
        assertThat(api().as("adm").post("/engine-rest/task",
                Map.of("dueAfterExpression", "${dateTime().plusDays(1).toDate().getClass().forName('java.lang.Runtime')}"))
                .status()).isEqualTo(400);
        // Java callers are held to the same rule
        assertThatThrownBy(() -> tasks.createTaskQuery().or().taskAssigneeExpression(EVIL).endOr().list())
                .isInstanceOf(BadUserRequestException.class);
        assertThat(canary.touches()).isEqualTo(before);
    }

    @Test
    void tasklistsOwnFilterExpressionsStillWork() {
        Response r = api().as("adm").post("/engine-rest/task", Map.of("orQueries", List.of(
                Map.of("dueBeforeExpression", "${dateTime().plusDays(3).toDate()}"),
                Map.of("followUpBeforeExpression", "${now()}"))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        // A Tasklist filter "my tasks and my groups' tasks", run through the webapps' API (which knows the user).
        String id = filters.saveFilter(filters.newTaskFilter("mine").setQuery(tasks.createTaskQuery()
                .or().taskAssigneeExpression("${currentUser()}").taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr())).getId();
        try {
            Response mine = api().as("adm").get("/camunda/api/engine/engine/default/filter/" + id + "/list");
            assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        } finally {
            filters.deleteFilter(id);
        }
    }

    @Test
    void aFilterCarryingAForbiddenExpressionCanNeitherBeSavedNorRunEvenIfStoredBefore() {
        int before = canary.touches();
        Response create = api().as("adm").post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "evil",
                "query", Map.of("orQueries", List.of(Map.of("assigneeExpression", EVIL)))));
        assertThat(create.status()).as(create.toString()).isEqualTo(400);
        assertThat(filters.createFilterQuery().filterName("evil").count()).isZero();

        // A filter stored before this guard existed (written straight into the engine's table).
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into act_ru_filter (id_, rev_, resource_type_, name_, owner_, query_, properties_) "
                        + "values (?, 1, 'Task', 'old evil', null, ?, '{}')")
                .params(id, "{\"orQueries\":[{\"assigneeExpression\":\"" + EVIL + "\"}]}").update();
        try {
            assertThat(api().as("adm").get("/engine-rest/filter/" + id + "/list").status()).isEqualTo(400);
            assertThat(api().as("adm").post("/engine-rest/filter/" + id + "/count", Map.of()).status()).isEqualTo(400);
            // ... and extending a harmless filter with a forbidden expression is refused too
            String harmless = filters.saveFilter(filters.newTaskFilter("harmless").setQuery(tasks.createTaskQuery())).getId();
            assertThat(api().as("adm").post("/engine-rest/filter/" + harmless + "/list",
                    Map.of("orQueries", List.of(Map.of("assigneeExpression", EVIL)))).status()).isEqualTo(400);
            assertThat(api().as("adm").post("/engine-rest/filter/" + harmless + "/list", Map.of()).status()).isEqualTo(200);
            filters.deleteFilter(harmless);
        } finally {
            jdbc.sql("delete from act_ru_filter where id_ = ?").param(id).update();
        }
        assertThat(canary.touches()).isEqualTo(before);
    }

    @Test
    void processOwnersReadEverythingInCockpitAndMayChangeNothing() {
        String po = "po";
        List<String> groups = List.of(Role.PROCESS_OWNER.groupId());
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
        assertThat(authorizations.isUserAuthorized(po, groups, ProcessDefinitionPermissions.READ_HISTORY,
                Resources.PROCESS_DEFINITION, "incident")).isTrue();
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.DELETE, Resources.PROCESS_INSTANCE, "any")).isFalse();
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.UPDATE, Resources.PROCESS_INSTANCE, "any")).isFalse();
        assertThat(authorizations.isUserAuthorized(po, groups, ProcessDefinitionPermissions.MIGRATE_INSTANCE,
                Resources.PROCESS_DEFINITION, "incident")).isFalse();
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.CREATE, Resources.DEPLOYMENT, null)).isFalse();
        assertThat(authorizations.isUserAuthorized(po, groups, Permissions.DELETE, Resources.DEPLOYMENT, "any")).isFalse();

        // Through Cockpit's API: reading works, deleting a running ticket's process does not.
        String number = api().as("fl1").createTicket("Cockpit must not delete me");
        String process = api().as("fl1").get("/api/tickets/" + number).json().get("processInstanceId").asText();
        assertThat(api().as(po).get("/camunda/api/engine/engine/default/process-instance/" + process).status()).isEqualTo(200);
        assertThat(delete("/camunda/api/engine/engine/default/process-instance/" + process, po)).isEqualTo(403);
        assertThat(api().as("fl1").get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("NEW");
    }

    /** A DELETE through the webapps' API, with the CSRF token Cockpit would send. */
    private int delete(String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "secret");
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        var first = rest.exchange("/camunda/api/engine/engine/default/process-definition/count", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        String token = first.getHeaders().getFirst("X-XSRF-TOKEN");
        List<String> cookies = first.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (token != null) {
            headers.set("X-XSRF-TOKEN", token);
        }
        if (cookies != null) {
            headers.put(HttpHeaders.COOKIE, cookies.stream().map(c -> c.split(";", 2)[0]).toList());
        }
        return rest.exchange(path, HttpMethod.DELETE, new HttpEntity<>(headers), String.class).getStatusCode().value();
    }
}
