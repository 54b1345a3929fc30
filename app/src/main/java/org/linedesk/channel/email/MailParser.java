package org.linedesk.channel.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.linedesk.mail.MessageIds;
import org.linedesk.ticket.MessageContent;
import org.linedesk.ticket.MessageContent.Upload;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail (MIME structure, RFC 2047 headers, transfer
 * encodings, charsets such as KOI8-R, windows-1251, ISO-8859-5). Whatever cannot be read is
 * described in {@link ParsedMail#problems()} instead of failing: the customer's text is never lost.
 */
final class MailParser {

    private static final Session SESSION = Session.getInstance(properties());
    private static final int MAX_PARTS = 200;

    private final long maxAttachmentBytes;

    MailParser(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");            // raw UTF-8 in headers (RFC 6532)
        p.setProperty("mail.mime.decodetext.strict", "false");    // encoded words inside words, as some mailers send
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        return p;
    }

    ParsedMail parse(byte[] raw) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        List<String> problems = new ArrayList<>();
        Body body = new Body();
        try {
            walk(message, body, problems, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add("the message structure could not be read (" + e.getMessage() + "); its raw text is kept");
            body.text.setLength(0);
            body.text.append(rawText(raw));
        }
        InternetAddress from = sender(message, problems);
        String subject = header(() -> message.getSubject(), problems, "Subject");
        String senderName = from == null ? null : from.getPersonal();
        String text = body.text.toString().strip();
        String html = body.html.isEmpty() ? null : body.html.toString();
        if (java.util.stream.Stream.of(subject, senderName, text, html).anyMatch(MailParser::hasNul)) {
            problems.add("the message contains the character U+0000 (NUL), which text cannot hold; it is shown as \uFFFD");
            subject = withoutNul(subject);
            senderName = withoutNul(senderName);
            text = withoutNul(text);
            html = withoutNul(html);
        }
        if (text.isEmpty() && html != null) {
            text = SafeHtml.toText(html);
        }
        MessageContent content = new MessageContent(text, html == null ? null : SafeHtml.sanitize(html), body.files);
        return new ParsedMail(messageId(message, raw), senderName,
                from == null ? null : from.getAddress().toLowerCase(Locale.ROOT), recipients(message), subject,
                content, MessageIds.parseList(first(message, "In-Reply-To")),
                MessageIds.parseList(first(message, "References")), headers(message), loop(message, from),
                language(message, subject, text), problems);
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\u0000') >= 0;
    }

    /** PostgreSQL text cannot hold U+0000: a NUL in a customer's mail becomes U+FFFD rather than cost the message. */
    private static String withoutNul(String s) {
        return s == null ? null : s.replace('\u0000', '\uFFFD');
    }

    private static final class Body {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<Upload> files = new ArrayList<>();
        int parts;
    }

    private void walk(Part part, Body body, List<String> problems, int depth) throws MessagingException, IOException {
        if (++body.parts > MAX_PARTS || depth > 10) {
            if (body.parts == MAX_PARTS + 1) {
                problems.add("the message has more than " + MAX_PARTS + " parts; the rest is in the raw source");
            }
            return;
        }
        String disposition = disposition(part);
        String filename = filename(part);
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                boolean alternative = part.isMimeType("multipart/alternative");
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (alternative && child.isMimeType("text/plain") && body.text.length() > 0) {
                        continue;
                    }
                    walk(child, body, problems, depth + 1);
                }
                return;
            }
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || (filename != null && !part.isMimeType("text/*"));
        if (!attachment && part.isMimeType("text/plain")) {
            append(body.text, text(part, problems));
        } else if (!attachment && part.isMimeType("text/html")) {
            String html = text(part, problems);
            body.html.append(html);
            if (body.text.length() == 0) {
                append(body.text, SafeHtml.toText(html));
            }
        } else if (part.isMimeType("message/rfc822")) {
            file(part, filename == null ? "attached-message.eml" : filename, body, problems);
        } else if (attachment || !part.isMimeType("text/*")) {
            file(part, filename == null ? "part-" + body.parts + extension(part) : filename, body, problems);
        } else {
            append(body.text, text(part, problems)); // other text/* (calendar, csv) read as text
        }
    }

    private static void append(StringBuilder text, String more) {
        if (more == null || more.isBlank()) {
            return;
        }
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(more.strip());
    }

    /** The part's text in its declared charset; an unknown charset is read as UTF-8 and noted. */
    private static String text(Part part, List<String> problems) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (java.io.UnsupportedEncodingException e) {
            problems.add("unknown charset '" + charsetOf(part) + "'; the text was read as UTF-8");
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void file(Part part, String filename, Body body, List<String> problems) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxAttachmentBytes + 1));
        }
        String type = baseType(part);
        if (bytes.length > maxAttachmentBytes) {
            String note = "attachment '" + filename + "' was not stored: it is larger than the limit of "
                    + human(maxAttachmentBytes) + " (the original message is kept for administrators)";
            problems.add(note);
            append(body.text, "[" + note + "]");
            return;
        }
        body.files.add(new Upload(filename, type, bytes));
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String filename(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            name = MimeUtility.decodeText(name).replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
            return name.isEmpty() ? null : (name.length() > 255 ? name.substring(name.length() - 255) : name);
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String charsetOf(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return "?";
        }
    }

    private static String extension(Part part) {
        String type = baseType(part);
        int slash = type.indexOf('/');
        String sub = slash < 0 ? "bin" : type.substring(slash + 1).replaceAll("[^a-z0-9]", "");
        return "." + (sub.isEmpty() ? "bin" : sub);
    }

    private static InternetAddress sender(MimeMessage message, List<String> problems) {
        try {
            Address[] from = message.getFrom();
            if (from != null) {
                for (Address a : from) {
                    if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                        return ia;
                    }
                }
            }
        } catch (MessagingException e) {
            problems.add("the From header could not be read (" + e.getMessage() + ")");
            String raw = first(message, "From");
            if (raw != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+").matcher(raw);
                if (m.find()) {
                    InternetAddress salvaged = new InternetAddress();
                    salvaged.setAddress(m.group());
                    return salvaged;
                }
            }
        }
        return null;
    }

    private static List<String> recipients(MimeMessage message) {
        List<String> to = new ArrayList<>();
        for (Message.RecipientType type : new Message.RecipientType[] {Message.RecipientType.TO, Message.RecipientType.CC}) {
            try {
                Address[] addresses = message.getRecipients(type);
                if (addresses != null) {
                    for (Address a : addresses) {
                        if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                            to.add(ia.getAddress().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            } catch (MessagingException e) {
                // an unreadable To/Cc only weakens routing; the mailbox address is added by the caller
            }
        }
        String delivered = first(message, "Delivered-To");
        if (delivered != null) {
            to.add(delivered.trim().toLowerCase(Locale.ROOT));
        }
        return to;
    }

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        var all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            String value;
            try {
                value = MimeUtility.decodeText(MimeUtility.unfold(h.getValue() == null ? "" : h.getValue()));
            } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
                value = h.getValue();
            }
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(withoutNul(value));
        }
        return headers;
    }

    /** RFC 3834 and the de-facto headers of out-of-office replies, bounces and bulk mail. */
    private static ParsedMail.Loop loop(MimeMessage message, InternetAddress from) {
        String autoSubmitted = first(message, "Auto-Submitted");
        String precedence = first(message, "Precedence");
        String sender = from == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
        String returnPath = first(message, "Return-Path");
        boolean automatic = (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no"))
                || (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply"))
                || first(message, "X-Autoreply") != null || first(message, "X-Autorespond") != null
                || first(message, "X-Auto-Reply") != null || first(message, "List-Id") != null
                || "<>".equals(returnPath == null ? null : returnPath.trim())
                || sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@")
                || isMimeType(message, "multipart/report");
        if (automatic) {
            return ParsedMail.Loop.AUTOMATIC;
        }
        return first(message, "X-Auto-Response-Suppress") != null ? ParsedMail.Loop.NO_AUTO_REPLY : ParsedMail.Loop.NONE;
    }

    private static boolean isMimeType(MimeMessage message, String type) {
        try {
            return message.isMimeType(type);
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Content-Language when given; otherwise Russian when the text is mostly Cyrillic. */
    private static String language(MimeMessage message, String subject, String text) {
        String declared = first(message, "Content-Language");
        if (declared != null && declared.trim().length() >= 2) {
            return declared.trim().substring(0, 2).toLowerCase(Locale.ROOT);
        }
        String sample = ((subject == null ? "" : subject) + " " + text);
        sample = sample.substring(0, Math.min(sample.length(), 2000));
        long letters = sample.codePoints().filter(Character::isLetter).count();
        long cyrillic = sample.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC).count();
        return letters > 0 && cyrillic * 2 >= letters ? "ru" : null;
    }

    private static String messageId(MimeMessage message, byte[] raw) {
        String id = MessageIds.normalize(first(message, "Message-ID"));
        if (id != null && id.length() <= 900) {
            return id;
        }
        try { // no (usable) Message-ID: the content's hash still makes a second delivery a duplicate
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(hash) + "@no-message-id.linedesk";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface HeaderRead {
        String read() throws MessagingException;
    }

    private static String header(HeaderRead read, List<String> problems, String name) {
        try {
            return read.read();
        } catch (MessagingException | RuntimeException e) {
            problems.add("the " + name + " header could not be decoded (" + e.getMessage() + ")");
            return null;
        }
    }

    static String first(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The message as text when its structure defeats the parser: the body after the header block. */
    private static String rawText(byte[] raw) {
        String all = new String(raw, looksLikeUtf8(raw) ? StandardCharsets.UTF_8 : Charset.forName("windows-1251"));
        int blank = all.indexOf("\r\n\r\n");
        blank = blank < 0 ? all.indexOf("\n\n") : blank;
        return blank < 0 ? all : all.substring(blank).strip();
    }

    private static boolean looksLikeUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String human(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
    }
}
