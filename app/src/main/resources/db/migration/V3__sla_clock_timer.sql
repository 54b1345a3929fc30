-- The engine job (timer) that enforces a ticket's SLA clocks; the same id on both rows of the ticket.
alter table sla_clock add column timer_job_id varchar(64);
