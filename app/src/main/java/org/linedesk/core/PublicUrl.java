package org.linedesk.core;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The address users and customers reach LineDesk at ({@code linedesk.public-url}): links in mails. */
@Component
public class PublicUrl {

    private final String base;

    PublicUrl(@Value("${linedesk.public-url:http://localhost:8080}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The absolute link to {@code path} (which starts with '/'). */
    public String of(String path) {
        return base + path;
    }
}
