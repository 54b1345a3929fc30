package org.linedesk.ticket;

import java.util.List;

/**
 * What a customer sent: the text agents read, the sanitised HTML when the message had an HTML part,
 * and the files. Channels make the HTML safe before it gets here; nothing here renders it.
 */
public record MessageContent(String text, String safeHtml, List<Upload> attachments) {

    public MessageContent {
        if (text == null) {
            throw new IllegalArgumentException("a message needs a text (possibly empty)");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static MessageContent text(String text) {
        return new MessageContent(text, null, List.of());
    }

    /** A file the customer sent, already checked against the size limit by the channel. */
    public record Upload(String filename, String contentType, byte[] content) {
        public Upload {
            if (filename == null || filename.isBlank()) {
                throw new IllegalArgumentException("an attachment needs a file name");
            }
            contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
            content = content == null ? new byte[0] : content;
        }
    }
}
