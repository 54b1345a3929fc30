package org.linedesk.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * linedesk.reports.*: {@code maxMailedSize} the largest report a subscription may mail. (The first-line
 * groups whose share of resolutions and hand-overs the KPIs report are the projects' first lines.)
 */
@ConfigurationProperties("linedesk.reports")
public record ReportSettings(@DefaultValue("20MB") DataSize maxMailedSize,
                             @DefaultValue("3") int maxAttempts,
                             @DefaultValue("PT5M") java.time.Duration retryAfter) {
}
