package org.linedesk.project;

import java.time.ZoneId;

/**
 * A desk inside the installation: its key (in URLs, files and the engine's tenant id), its name, the
 * prefix of its ticket numbers, the time zone and language it works in, and its first-line group (where
 * its new tickets land unless routing says otherwise).
 */
public record Project(String key, String name, String ticketPrefix, ZoneId timeZone, String language, String firstLine) {

    public static final String DEFAULT = org.linedesk.identity.Actor.DEFAULT_PROJECT;

    public boolean isDefault() {
        return DEFAULT.equals(key);
    }
}
