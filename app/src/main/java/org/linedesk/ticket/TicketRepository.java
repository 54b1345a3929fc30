package org.linedesk.ticket;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TicketRepository extends JpaRepository<Ticket, Long>, JpaSpecificationExecutor<Ticket> {

    /** Open work of these groups that is unclaimed or claimed by the agent, oldest in the queue first. */
    @Query("""
            select t from Ticket t
             where t.currentGroup in :groups
               and t.status in (org.linedesk.ticket.Status.NEW, org.linedesk.ticket.Status.OPEN,
                                org.linedesk.ticket.Status.IN_PROGRESS)
               and (t.assignee is null or t.assignee = :agent)
             order by t.queuedAt asc, t.id asc
            """)
    List<Ticket> workList(@Param("groups") Collection<String> groups, @Param("agent") String agent, Pageable page);

    @Query("select a from Article a where a.ticket.id = :ticketId order by a.id")
    List<Article> conversation(@Param("ticketId") long ticketId);

    /** What the conversation shows of its files: everything but the content. */
    @Query("""
            select new org.linedesk.ticket.AttachmentInfo(a.id, a.article.id, a.filename, a.contentType, a.sizeBytes)
              from Attachment a where a.ticketId = :ticketId order by a.id
            """)
    List<AttachmentInfo> attachments(@Param("ticketId") long ticketId);

    @Query("select a from Attachment a where a.id = :id and a.ticketId = :ticketId")
    java.util.Optional<Attachment> attachment(@Param("ticketId") long ticketId, @Param("id") long id);

    @Query("select e from TicketEvent e where e.ticket.id = :ticketId order by e.id")
    List<TicketEvent> history(@Param("ticketId") long ticketId);

    /** Ticket numbers by id, for lists of tickets the engine knows by business key. */
    @Query("select t.id, t.number from Ticket t where t.id in :ids")
    List<Object[]> numbers(@Param("ids") Collection<Long> ids);
}
