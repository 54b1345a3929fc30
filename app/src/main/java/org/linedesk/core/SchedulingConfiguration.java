package org.linedesk.core;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work of this node (mailbox polling, the mail outbox). Tests switch it off with
 * {@code linedesk.scheduling.enabled=false} and call the workers themselves, at a time they control.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "linedesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
