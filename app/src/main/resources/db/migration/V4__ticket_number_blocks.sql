-- Ticket numbers are handed out in blocks of 50 per application node (one round trip per 50 tickets
-- instead of one per ticket). Numbers stay unique across nodes; a restart may skip up to 49.
alter sequence ticket_number_seq increment by 50;
