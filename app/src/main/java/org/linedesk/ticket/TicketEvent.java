package org.linedesk.ticket;

import java.time.Instant;

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
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One entry of a ticket's append-only history: who changed what, when, from what to what. */
@Entity
@Table(name = "ticket_event")
public class TicketEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_event_seq")
    @SequenceGenerator(name = "ticket_event_seq", sequenceName = "ticket_event_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id")
    private Ticket ticket;

    private Instant at;
    private String actor;

    @Enumerated(EnumType.STRING)
    private EventType type;

    @Column(name = "old_value")
    private String oldValue;
    @Column(name = "new_value")
    private String newValue;
    private String detail;

    protected TicketEvent() {
    }

    TicketEvent(Ticket ticket, Instant at, String actor, EventType type, String oldValue, String newValue, String detail) {
        this.ticket = ticket;
        this.at = at;
        this.actor = actor;
        this.type = type;
        this.oldValue = truncate(oldValue, 500);
        this.newValue = truncate(newValue, 500);
        this.detail = truncate(detail, 2000);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public EventType getType() { return type; }
    public String getOldValue() { return oldValue; }
    public String getNewValue() { return newValue; }
    public String getDetail() { return detail; }
}
