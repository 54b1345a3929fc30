package org.linedesk.channel.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** linedesk.web-form.*: how many requests one client address may send per window, and the queue. */
@ConfigurationProperties("linedesk.web-form")
record WebFormSettings(@DefaultValue("5") int requestsPerWindow,
                       @DefaultValue("PT10M") Duration window,
                       String queue) {
}
