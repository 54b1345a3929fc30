package org.linedesk.ticket;

/** How a request reached the desk (ITIL "media"). Answers go back on the same channel by default. */
public enum Channel {
    EMAIL, WEB, PHONE, CHAT, API
}
