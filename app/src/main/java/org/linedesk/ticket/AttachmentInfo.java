package org.linedesk.ticket;

/** A file of the conversation without its content. */
public record AttachmentInfo(long id, long articleId, String filename, String contentType, long sizeBytes) {
}
