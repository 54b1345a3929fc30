package org.linedesk.identity;

/**
 * Customer personal data as an agent may see it: the e-mail address partly hidden. Managers, auditors
 * and admins see it whole. An agent who must confirm an identity asks the customer and checks the answer
 * (TicketService.verifyRequesterEmail): they learn whether it matches, not the stored value. The one rule
 * for the console and the API alike.
 */
public final class PersonalData {

    private PersonalData() {
    }

    public static boolean seesWhole(Actor actor) {
        return actor.has(Role.MANAGER) || actor.has(Role.AUDITOR) || actor.has(Role.ADMIN);
    }

    /** "ivan.petrov@example.com" → "iv…@e…com". */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at < 0) {
            return "…";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot < 0 ? "" : domain.substring(dot + 1);
        return local.substring(0, Math.min(2, local.length())) + "…@" + (domain.isEmpty() ? "" : domain.substring(0, 1))
                + "…" + tld;
    }

    /** A person's identifier as the page shows it: an e-mail address partly hidden unless {@code whole}. */
    public static String shown(String value, boolean whole) {
        return value == null || whole || !value.contains("@") ? value : maskEmail(value);
    }
}
