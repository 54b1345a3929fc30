package org.linedesk.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-IDs as stored and compared: without angle brackets or surrounding space. */
public final class MessageIds {

    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    private MessageIds() {
    }

    public static String normalize(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s.isEmpty() ? null : s;
    }

    /** The ids in a References or In-Reply-To header ("<a@x> <b@y>"), in order. */
    public static List<String> parseList(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher m = ID.matcher(header);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty() && !header.isBlank() && !header.trim().contains(" ")) {
            ids.add(normalize(header)); // some mailers omit the brackets
        }
        return ids;
    }

    public static String bracketed(String id) {
        return "<" + id + ">";
    }
}
