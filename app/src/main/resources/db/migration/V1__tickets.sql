-- LineDesk application schema: tickets, their conversation and their append-only history.
-- The Camunda engine owns its own ACT_* tables (see docs/operations.md).

-- The ticket number customers quote (INC-0000001) is this sequence's value.
create sequence ticket_number_seq start with 1 increment by 1;
create sequence article_seq start with 1 increment by 50;
create sequence ticket_event_seq start with 1 increment by 50;

create table ticket (
    id                  bigint       primary key,
    number              varchar(20)  not null unique,
    subject             varchar(200) not null,
    description         text         not null,
    requester_name      varchar(200),
    requester_email     varchar(320) not null,
    channel             varchar(16)  not null,
    impact              varchar(8)   not null,
    urgency             varchar(8)   not null,
    priority            varchar(2)   not null,
    status              varchar(20)  not null,
    current_group       varchar(64),
    assignee            varchar(64),
    last_answered_group varchar(64),
    resolution          varchar(500),
    process_instance_id varchar(64),
    follow_up_of        bigint references ticket(id),
    reopen_count        integer      not null default 0,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    queued_at           timestamptz  not null,
    first_responded_at  timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    version             bigint       not null
);

create index ticket_status_group_idx on ticket (current_group, status, queued_at);
create index ticket_created_idx on ticket (created_at);
create index ticket_process_instance_idx on ticket (process_instance_id);

create table article (
    id          bigint      primary key,
    ticket_id   bigint      not null references ticket(id),
    kind        varchar(20) not null,
    author      varchar(320) not null,
    author_name varchar(200),
    body        text        not null,
    channel     varchar(16) not null,
    created_at  timestamptz not null
);
create index article_ticket_idx on article (ticket_id, id);

create table ticket_event (
    id         bigint      primary key,
    ticket_id  bigint      not null references ticket(id),
    at         timestamptz not null,
    actor      varchar(320) not null,
    type       varchar(32) not null,
    old_value  varchar(500),
    new_value  varchar(500),
    detail     varchar(2000)
);
create index ticket_event_ticket_idx on ticket_event (ticket_id, id);

-- Nothing ever updates or deletes history: enforce it in the database too.
create function ticket_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ticket_event is append-only';
end $$;
create trigger ticket_event_no_change before update or delete on ticket_event
    for each row execute function ticket_event_append_only();
