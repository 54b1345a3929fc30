package org.linedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One entry of a ticket's conversation: a customer message, a public reply or an internal note. */
@Entity
@Table(name = "article")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "article_seq")
    @SequenceGenerator(name = "article_seq", sequenceName = "article_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id")
    private Ticket ticket;

    @Enumerated(EnumType.STRING)
    private ArticleKind kind;

    /** User id of an agent, or the customer's e-mail address. */
    private String author;
    @Column(name = "author_name")
    private String authorName;
    private String body;
    /** The customer's HTML, sanitised by the channel (safe tags only); null for plain-text messages. */
    @Column(name = "body_html")
    private String bodyHtml;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Column(name = "created_at")
    private Instant createdAt;

    /** The group whose queue the ticket was in (for a reply: the group that answered); messages per group count it. */
    private String queue;

    @OneToMany(mappedBy = "article", cascade = CascadeType.PERSIST)
    private List<Attachment> attachments = new ArrayList<>();

    protected Article() {
    }

    Article(Ticket ticket, ArticleKind kind, String author, String authorName, String body, Channel channel, Instant at) {
        this.ticket = ticket;
        this.kind = kind;
        this.author = author;
        this.authorName = authorName;
        this.body = body;
        this.channel = channel;
        this.createdAt = at;
        this.queue = ticket.getCurrentGroup();
    }

    Article(Ticket ticket, ArticleKind kind, String author, String authorName, MessageContent content, Channel channel,
            Instant at) {
        this(ticket, kind, author, authorName, content.text(), channel, at);
        this.bodyHtml = content.safeHtml();
        content.attachments().forEach(upload -> attachments.add(new Attachment(this, ticket.getId(), upload, at)));
    }

    public Long getId() { return id; }
    public ArticleKind getKind() { return kind; }
    public String getAuthor() { return author; }
    public String getAuthorName() { return authorName; }
    public String getBody() { return body; }
    public String getBodyHtml() { return bodyHtml; }
    public List<Attachment> getAttachments() { return attachments; }
    public Channel getChannel() { return channel; }
    public Instant getCreatedAt() { return createdAt; }
    public String getQueue() { return queue; }

    /** A reply counts for the group that answered, which may differ from the queue the ticket is in. */
    void answeredFor(String group) {
        this.queue = group;
    }
}
