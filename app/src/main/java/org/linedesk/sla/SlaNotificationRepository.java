package org.linedesk.sla;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface SlaNotificationRepository extends JpaRepository<SlaNotification, Long> {

    List<SlaNotification> findByTicketIdOrderById(long ticketId);
}
