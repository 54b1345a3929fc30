package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.linedesk.core.ConflictException;
import org.linedesk.core.InvalidInputException;

/** The aggregate's transitions, without Spring or the engine. */
class TicketTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    static Ticket newTicket() {
        return Ticket.open(42, new NewTicket("Subject", "Body", new Requester("Ivan", "ivan@example.com"),
                Channel.EMAIL, Level.HIGH, Level.LOW, null, null),
                new PriorityMatrix.Decision(Priority.P3, "test matrix: HIGH × LOW → P3"), "first-line", "default", "INC",
                "ivan@example.com", T0);
    }

    @Test
    void openingNumbersTheTicketDerivesPriorityAndRecordsTheFirstMessage() {
        Ticket t = newTicket();

        assertThat(t.getNumber()).isEqualTo("INC-0000042");
        assertThat(t.getPriority()).isEqualTo(Priority.P3);
        assertThat(t.getStatus()).isEqualTo(Status.NEW);
        assertThat(t.pendingArticles()).singleElement()
                .satisfies(a -> assertThat(a.getKind()).isEqualTo(ArticleKind.CUSTOMER_MESSAGE));
        assertThat(t.pendingHistory()).extracting(TicketEvent::getType).containsExactly(EventType.CREATED, EventType.PRIORITY_DECIDED);
    }

    @Test
    void queueingKeepsNewUntilSomeoneActsThenOpen() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);
        assertThat(t.getStatus()).isEqualTo(Status.NEW);

        t.assign("anna", "anna", T0.plusSeconds(60));
        assertThat(t.getStatus()).isEqualTo(Status.IN_PROGRESS);

        t.enqueue("passwords", T0.plusSeconds(120));
        assertThat(t.getStatus()).isEqualTo(Status.OPEN);
        assertThat(t.getAssignee()).isNull();
        assertThat(t.getCurrentGroup()).isEqualTo("passwords");
        assertThat(t.getQueuedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void theFirstPublicReplyIsTheFirstResponseAndRemembersTheGroup() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);
        t.note("internal", "anna", "Anna", T0.plusSeconds(10));
        assertThat(t.getFirstRespondedAt()).isNull();

        t.reply("answer", "anna", "Anna", "first-line", T0.plusSeconds(20));
        t.reply("second answer", "anna", "Anna", "first-line", T0.plusSeconds(30));

        assertThat(t.getFirstRespondedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(t.getLastAnsweredGroup()).isEqualTo("first-line");
        assertThat(t.pendingHistory()).filteredOn(e -> e.getType() == EventType.FIRST_RESPONSE).hasSize(1);
    }

    @Test
    void reopenReturnsTheGroupThatAnsweredLastAndCounts() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);
        t.enqueue("passwords", T0);
        t.reply("fixed", "boris", "Boris", "passwords", T0);
        t.resolve(T0.plusSeconds(5));
        assertThat(t.getResolvedAt()).isEqualTo(T0.plusSeconds(5));

        String target = t.reopen(T0.plusSeconds(50));

        assertThat(target).isEqualTo("passwords");
        assertThat(t.getStatus()).isEqualTo(Status.OPEN);
        assertThat(t.getReopenCount()).isEqualTo(1);
        assertThat(t.getResolvedAt()).isNull();
    }

    @Test
    void illegalTransitionsAreConflicts() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);

        assertThatThrownBy(() -> t.reopen(T0)).isInstanceOf(ConflictException.class).hasMessageContaining("reopen");

        t.close("spam", T0);
        assertThat(t.getStatus()).isEqualTo(Status.CLOSED);
        assertThatThrownBy(() -> t.assign("anna", "anna", T0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> t.reply("x", "anna", "Anna", "first-line", T0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> t.customerWrote(MessageContent.text("x"), t.getRequester(), Channel.EMAIL, T0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> t.close("again", T0)).isInstanceOf(ConflictException.class);
    }

    @Test
    void handingOverToTheSameGroupIsBadInput() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);

        assertThatThrownBy(() -> t.handOver("first-line", null, "anna", T0))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("group"));
    }

    @Test
    void reprioritizingNeedsAReasonAndRecordsBeforeAndAfter() {
        Ticket t = newTicket();
        t.drainDomainEvents();

        assertThatThrownBy(() -> t.reprioritize(Level.HIGH, Level.HIGH, new PriorityMatrix.Decision(Priority.P1, "m"), " ", "anna", T0))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("reason"));
        t.reprioritize(Level.HIGH, Level.HIGH, new PriorityMatrix.Decision(Priority.P1, "m v1"), "whole company stopped", "anna", T0);

        assertThat(t.getPriority()).isEqualTo(Priority.P1);
        assertThat(t.pendingHistory()).last().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(EventType.PRIORITY_CHANGED);
            assertThat(e.getOldValue()).contains("P3");
            assertThat(e.getNewValue()).contains("P1");
            assertThat(e.getDetail()).contains("whole company stopped");
        });
        assertThat(t.drainDomainEvents()).containsExactly(new TicketReprioritized(42, Priority.P3, Priority.P1, T0));
    }

    @Test
    void aStaleVersionIsRefused() {
        Ticket t = newTicket();

        assertThatThrownBy(() -> t.expectVersion(7L)).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("version"));
    }

    @Test
    void everyChangeIsInTheHistoryWithBeforeAndAfter() {
        Ticket t = newTicket();
        t.enqueue("first-line", T0);
        t.assign("anna", "anna", T0);
        t.awaitCustomer(T0);

        assertThat(t.pendingHistory()).filteredOn(e -> e.getType() == EventType.STATUS_CHANGED)
                .extracting(TicketEvent::getOldValue, TicketEvent::getNewValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEW", "IN_PROGRESS"),
                        org.assertj.core.groups.Tuple.tuple("IN_PROGRESS", "PENDING_CUSTOMER"));
    }
}
