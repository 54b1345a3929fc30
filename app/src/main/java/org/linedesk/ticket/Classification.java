package org.linedesk.ticket;

import java.util.List;

/**
 * What the routing rules made of a request: a category, tags, and a hint for first line
 * ("looks like: passwords"). All optional; agents may see it as a suggestion only.
 */
public record Classification(String category, List<String> tags, String hint) {

    public static final Classification NONE = new Classification(null, List.of(), null);

    public Classification {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
