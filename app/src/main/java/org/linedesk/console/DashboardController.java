package org.linedesk.console;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.report.KpiQueries;
import org.linedesk.report.Kpis;
import org.linedesk.report.ReportQuery;
import org.linedesk.sla.SlaClocks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The manager's dashboard: clocks at risk and breached (refreshing itself), backlog by group and age,
 * the week's intake and SLA compliance (Chart.js), links to the exports.
 */
@Controller
@PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR', 'ADMIN')")
class DashboardController {

    private final SlaClocks clocks;
    private final KpiQueries kpis;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final ProjectDirectory projects;

    DashboardController(SlaClocks clocks, KpiQueries kpis, ObjectMapper json, Clock clock,
                        @Value("${linedesk.console.zone:UTC}") String zone, ProjectDirectory projects) {
        this.projects = projects;
        this.clocks = clocks;
        this.kpis = kpis;
        this.json = json;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/dashboard")
    String page(Model model) throws JsonProcessingException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Actor actor = CurrentActor.get();
        ReportQuery week = new ReportQuery(today.minusDays(6), today, zone, null, null, null, null).readBy(actor, projects);
        Kpis k = kpis.compute(week);
        model.addAttribute("atRisk", clocks.atRisk(Duration.ofHours(4), null, null, 50, actor));
        model.addAttribute("kpis", k);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("today", today);
        model.addAttribute("weekStart", today.minusDays(6));
        model.addAttribute("todayIn", k.flow().stream().filter(d -> d.day().equals(today)).mapToLong(Kpis.DayFlow::in).sum());
        model.addAttribute("backlog", backlogTable(k.backlog()));
        model.addAttribute("buckets", KpiQueries.AGE_BUCKETS);
        model.addAttribute("chartData", json.writeValueAsString(chartData(k, today)));
        model.addAttribute("satisfaction", k.satisfaction().stream().filter(x -> x.dimension().equals("all")).findFirst()
                .orElse(null));
        return "dashboard";
    }

    /** The at-risk table alone, for the page's periodic refresh. */
    @GetMapping("/dashboard/at-risk")
    String atRisk(Model model) {
        model.addAttribute("atRisk", clocks.atRisk(Duration.ofHours(4), null, null, 50, CurrentActor.get()));
        return "dashboard :: at-risk";
    }

    private static Map<String, Map<String, Long>> backlogTable(List<Kpis.BacklogBucket> buckets) {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        buckets.forEach(b -> table.computeIfAbsent(b.group(), g -> new LinkedHashMap<>()).put(b.age(), b.tickets()));
        return table;
    }

    private static Map<String, Object> chartData(Kpis k, LocalDate today) {
        Map<String, Long> intake = new TreeMap<>();
        for (int i = 6; i >= 0; i--) {
            intake.put(today.minusDays(i).toString(), 0L);
        }
        k.flow().forEach(d -> intake.merge(d.day().toString(), d.in(), Long::sum));
        Map<String, Double[]> compliance = new TreeMap<>();
        k.compliance().stream().filter(c -> c.dimension().equals("priority")).forEach(c -> compliance
                .computeIfAbsent(c.key(), p -> new Double[2])[c.metric().equals("FIRST_RESPONSE") ? 0 : 1] = c.percent());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("days", List.copyOf(intake.keySet()));
        data.put("intake", List.copyOf(intake.values()));
        data.put("priorities", List.copyOf(compliance.keySet()));
        data.put("firstResponse", compliance.values().stream().map(v -> v[0]).toList());
        data.put("resolution", compliance.values().stream().map(v -> v[1]).toList());
        Map<String, Kpis.Satisfaction> byDay = new TreeMap<>();
        k.satisfaction().stream().filter(x -> x.dimension().equals("day")).forEach(x -> byDay.put(x.key(), x));
        List<String> days = List.copyOf(intake.keySet());
        data.put("meanQuality", days.stream().map(d -> byDay.containsKey(d) ? byDay.get(d).meanQuality() : null).toList());
        data.put("meanSpeed", days.stream().map(d -> byDay.containsKey(d) ? byDay.get(d).meanSpeed() : null).toList());
        data.put("responseRate", days.stream().map(d -> byDay.containsKey(d) ? byDay.get(d).responseRate().percent() : null)
                .toList());
        return data;
    }
}
