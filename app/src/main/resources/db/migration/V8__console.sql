-- Web console: how often each action chain ran (the ticket page lists the most used first).
create table macro_usage (
    name  varchar(64) primary key,
    uses  bigint      not null
);

-- The work list: open tickets of a group by their next SLA due time.
create index sla_clock_running_idx on sla_clock (ticket_id, due_at) where stopped_at is null;
