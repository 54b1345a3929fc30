package org.linedesk.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * linedesk.security.login-throttle.*: how many failed logins within {@code window} block further
 * attempts — of one account from one client address, of any account from one address, and of one
 * account from anywhere (a distributed guess) — and for how long: {@code firstBlock}, doubled with
 * every further failure, at most {@code maxBlock}. Nothing locks an account for good.
 */
@ConfigurationProperties("linedesk.security.login-throttle")
record LoginThrottleSettings(@DefaultValue("PT15M") Duration window,
                             @DefaultValue("5") int perAccountAndAddress,
                             @DefaultValue("20") int perAddress,
                             @DefaultValue("50") int perAccount,
                             @DefaultValue("PT30S") Duration firstBlock,
                             @DefaultValue("PT15M") Duration maxBlock) {
}
