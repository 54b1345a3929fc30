package org.linedesk.identity;

/** Engine group types: support groups (lines, queues of work) versus role groups. */
public final class GroupTypes {

    /** A line or second-line group whose members work tickets (candidate group of user tasks). */
    public static final String SUPPORT = "SUPPORT";
    /** A role group: managers, process owners, auditors, admins. */
    public static final String ROLE = "SYSTEM";
    /** The group every new ticket lands in unless routing says otherwise. */
    public static final String FIRST_LINE = "first-line";

    private GroupTypes() {
    }
}
