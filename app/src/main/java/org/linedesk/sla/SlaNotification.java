package org.linedesk.sla;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Someone was told about an SLA warning or breach (hierarchical escalation). */
@Entity
@Table(name = "sla_notification")
class SlaNotification {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sla_notification_seq")
    @SequenceGenerator(name = "sla_notification_seq", sequenceName = "sla_notification_seq", allocationSize = 50)
    private Long id;
    private long ticketId;
    @Enumerated(EnumType.STRING)
    private Metric metric;
    private String kind;
    private String recipient;
    private Instant at;
    private String text;

    protected SlaNotification() {
    }

    SlaNotification(long ticketId, Metric metric, String kind, String recipient, Instant at, String text) {
        this.ticketId = ticketId;
        this.metric = metric;
        this.kind = kind;
        this.recipient = recipient;
        this.at = at;
        this.text = text.length() > 500 ? text.substring(0, 499) + "…" : text;
    }

    public String getKind() { return kind; }
    public String getRecipient() { return recipient; }
    public Metric getMetric() { return metric; }
    public String getText() { return text; }
}
