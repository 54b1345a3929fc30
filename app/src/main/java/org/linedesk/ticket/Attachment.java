package org.linedesk.ticket;

import java.time.Instant;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file that came with an article. The content is loaded only when someone downloads it. */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attachment_seq")
    @SequenceGenerator(name = "attachment_seq", sequenceName = "attachment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(name = "ticket_id")
    private Long ticketId;

    private String filename;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "size_bytes")
    private long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    private byte[] content;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Attachment() {
    }

    Attachment(Article article, long ticketId, MessageContent.Upload upload, Instant at) {
        this.article = article;
        this.ticketId = ticketId;
        this.filename = upload.filename();
        this.contentType = upload.contentType();
        this.sizeBytes = upload.content().length;
        this.content = upload.content();
        this.createdAt = at;
    }

    public Long getId() { return id; }
    public Long getTicketId() { return ticketId; }
    public String getFilename() { return filename; }
    public String getContentType() { return contentType; }
    public long getSizeBytes() { return sizeBytes; }
    public byte[] getContent() { return content; }
    public Instant getCreatedAt() { return createdAt; }
}
