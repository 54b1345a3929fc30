package org.linedesk.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP server's refusal of one mail says. Reply codes 5xx are permanent (RFC 5321 §4.2.1: "do not
 * repeat the exact request"), 4xx temporary. A mail to several recipients is refused for good only when
 * every refusal is permanent; a refusal without any reply code (a broken connection) is temporary.
 */
final class SmtpRefusal {

    private SmtpRefusal() {
    }

    static boolean isPermanent(Throwable refusal) {
        List<Integer> codes = replyCodes(refusal);
        return !codes.isEmpty() && codes.stream().allMatch(code -> code >= 500 && code < 600);
    }

    /**
     * The server's own words, e.g. "550 5.1.1 <nobody@example.com>: user unknown", one per refusal; without
     * a reply (no connection) the message and its root cause ("… (java.net.ConnectException: Connection refused)").
     */
    static String describe(Throwable failure) {
        Set<String> replies = new LinkedHashSet<>();
        for (Throwable e : chain(failure)) {
            if (replyCode(e) > 0 && e.getMessage() != null) {
                replies.add(e.getMessage().strip());
            }
        }
        if (!replies.isEmpty()) {
            return String.join("; ", replies);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getMessage() + (root != failure ? " (" + root + ")" : "");
    }

    private static List<Integer> replyCodes(Throwable refusal) {
        List<Integer> codes = new ArrayList<>();
        for (Throwable e : chain(refusal)) {
            int code = replyCode(e);
            if (code > 0) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static int replyCode(Throwable e) {
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        return 0;
    }

    /** The exception, its causes and Jakarta Mail's chained "next" exceptions (one per refused recipient). */
    private static List<Throwable> chain(Throwable first) {
        List<Throwable> all = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(first));
        while (!todo.isEmpty() && all.size() < 100) {
            Throwable e = todo.remove(0);
            if (e == null || all.contains(e)) {
                continue;
            }
            all.add(e);
            todo.add(e.getCause());
            if (e instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return all;
    }
}
