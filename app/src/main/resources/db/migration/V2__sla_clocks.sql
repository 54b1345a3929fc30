-- SLA clocks: one row per ticket and metric. The engine's timer enforces the clock; this row is its
-- state for reports and for showing time left. Pauses are kept as intervals so that a re-target
-- (priority change) recomputes exactly from the original start.
create sequence sla_clock_seq start with 1 increment by 50;

create table sla_clock (
    id               bigint       primary key,
    ticket_id        bigint       not null references ticket(id),
    metric           varchar(20)  not null,
    policy_id        varchar(64)  not null,
    calendar_id      varchar(64)  not null,
    priority         varchar(2)   not null,
    target_seconds   bigint       not null,
    started_at       timestamptz  not null,
    -- closed pauses "from/to" separated by ";", an open one ends with "/"
    pauses           text         not null default '',
    stopped_at       timestamptz,
    due_at           timestamptz,
    warnings_fired   integer      not null default 0,
    breached_at      timestamptz,
    escalated_at     timestamptz,
    version          bigint       not null,
    unique (ticket_id, metric)
);
create index sla_clock_due_idx on sla_clock (due_at) where stopped_at is null;

-- Who was told about a warning or breach (delivery by e-mail comes with the e-mail channel).
create sequence sla_notification_seq start with 1 increment by 50;
create table sla_notification (
    id          bigint       primary key,
    ticket_id   bigint       not null references ticket(id),
    metric      varchar(20)  not null,
    kind        varchar(10)  not null,
    recipient   varchar(200) not null,
    at          timestamptz  not null,
    text        varchar(500) not null
);
create index sla_notification_ticket_idx on sla_notification (ticket_id);
