package org.linedesk.channel.email;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Customer HTML made harmless with jsoup: a safe subset of markup (no scripts, styles, event
 * handlers or remote images) for display, and plain text with line breaks for agents and search.
 */
final class SafeHtml {

    private static final Safelist SAFE = Safelist.basic().removeTags("img");

    private SafeHtml() {
    }

    static String sanitize(String html) {
        return Jsoup.clean(html, SAFE);
    }

    static String toText(String html) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings(new Document.OutputSettings().prettyPrint(false));
        for (Element br : doc.select("br")) {
            br.after("\n");
        }
        for (Element block : doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")) {
            block.prepend("\n");
            block.append("\n");
        }
        String text = doc.body() == null ? doc.text() : doc.body().wholeText();
        return text.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
