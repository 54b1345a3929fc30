package org.linedesk.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * GreenMail — a real SMTP and IMAP server in the test JVM — on the ports application-test.yml
 * points LineDesk at, with the desk's two mailboxes. Fresh for every test method.
 */
public final class MailServer {

    public static final String SUPPORT = "support@linedesk.test";
    public static final String ABUSE = "abuse@linedesk.test";
    /** The mailbox of project games (application-test.yml). */
    public static final String GAMES = "games@linedesk.test";
    public static final int SMTP_PORT = 39025;
    public static final int IMAP_PORT = 39143;

    private MailServer() {
    }

    public static GreenMailExtension extension() {
        return new GreenMailExtension(new ServerSetup[] {
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser(SUPPORT, SUPPORT, "secret")
                        .withUser(ABUSE, ABUSE, "secret")
                        .withUser(GAMES, GAMES, "secret"))
                .withPerMethodLifecycle(true);
    }

    /** Puts a raw message, byte for byte, into a desk mailbox (as the MTA would). */
    public static void deliver(GreenMailExtension greenMail, String mailbox, byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            greenMail.getUserManager().getUser(mailbox).deliver(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mails GreenMail received over SMTP for one address (what LineDesk sent to that customer). */
    public static List<MimeMessage> sentTo(GreenMailExtension greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Builds raw RFC 5322 messages with exact control over headers, charsets and transfer encodings. */
    public static final class RawMail {
        private final StringBuilder headers = new StringBuilder();
        private byte[] body = new byte[0];

        public static RawMail from(String from, String to, String messageId) {
            RawMail m = new RawMail();
            m.header("From", from).header("To", to).header("Date", "Mon, 23 Nov 2026 10:00:00 +0300")
                    .header("MIME-Version", "1.0");
            if (messageId != null) {
                m.header("Message-ID", "<" + messageId + ">");
            }
            return m;
        }

        public RawMail header(String name, String value) {
            headers.append(name).append(": ").append(value).append("\r\n");
            return this;
        }

        /** A subject as an RFC 2047 encoded word in the given charset ("B" base64 or "Q" quoted-printable). */
        public RawMail subject(String subject, String charset, String encoding) {
            try {
                return header("Subject", MimeUtility.encodeText(subject, charset, encoding));
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        public RawMail subject(String subject) {
            return header("Subject", subject);
        }

        /** A single-part text body in {@code charset}, with transfer encoding 8bit, quoted-printable or base64. */
        public RawMail text(String subtype, String text, String charset, String transferEncoding) {
            header("Content-Type", "text/" + subtype + "; charset=" + charset);
            header("Content-Transfer-Encoding", transferEncoding);
            body = encode(text.getBytes(Charset.forName(charset)), transferEncoding);
            return this;
        }

        /** A multipart body given as its raw text (boundaries and parts written by the test). */
        public RawMail multipart(String subtype, String boundary, String rawBody) {
            header("Content-Type", "multipart/" + subtype + "; boundary=\"" + boundary + "\"");
            body = rawBody.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public RawMail rawBody(String contentType, byte[] bytes) {
            header("Content-Type", contentType);
            body = bytes;
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            return out.toByteArray();
        }

        public static byte[] encode(byte[] bytes, String transferEncoding) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (var encoder = MimeUtility.encode(out, transferEncoding)) {
                    encoder.write(bytes);
                }
                return out.toByteArray();
            } catch (java.io.IOException | MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
