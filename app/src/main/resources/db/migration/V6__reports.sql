-- Reports (issue 5): what the KPIs need, the audit log of exports and other administrative acts,
-- report subscriptions and their runs, and Quartz's tables (clustered JDBC job store).

-- Business time a clock used, fixed when it stops (SlaClock.stop): reports read it with plain SQL.
alter table sla_clock add column business_seconds bigint;

-- Who answered first (per-agent first-response KPIs without reading the history); backfilled from it.
alter table ticket add column first_responded_by varchar(320);
update ticket t set first_responded_by = e.actor
  from ticket_event e where e.ticket_id = t.id and e.type = 'FIRST_RESPONSE';

-- Indexes for KPI queries over a period (each KPI selects by the instant its event happened).
-- They carry the columns the dashboard's KPIs read, so a month of tickets is read from the index alone
-- (index-only scans) instead of a million-row table's pages.
create index ticket_resolved_idx on ticket (resolved_at)
    include (created_at, channel, current_group, assignee, reopen_count, id) where resolved_at is not null;
create index ticket_first_responded_idx on ticket (first_responded_at)
    include (created_at, first_responded_by, id) where first_responded_at is not null;
create index ticket_created_cover_idx on ticket (created_at) include (channel, id);
drop index ticket_created_idx; -- the covering index serves every query the plain one did
create index ticket_open_idx on ticket (current_group, created_at) where status not in ('RESOLVED', 'CLOSED');
-- the instant a clock's outcome became known: breached (even if it still runs) or stopped in time
create index sla_clock_decided_idx on sla_clock ((coalesce(breached_at, stopped_at)))
    where breached_at is not null or stopped_at is not null;
create index article_reply_at_idx on article (created_at) include (author) where kind = 'PUBLIC_REPLY';
-- The audit log of a period: events are appended in time order, so a BRIN index finds a period's pages
-- at almost no cost to the many inserts (a B-tree here slowed ticket intake).
create index ticket_event_at_brin on ticket_event using brin (at);
create index ticket_event_handed_over_idx on ticket_event (ticket_id) where type = 'HANDED_OVER';

-- Administrative acts that are not a ticket's history: exports, subscriptions, template and routing
-- changes. Append-only like ticket_event.
create sequence audit_log_seq start with 1 increment by 1;
create table audit_log (
    id      bigint       primary key default nextval('audit_log_seq'),
    at      timestamptz  not null,
    actor   varchar(320) not null,
    action  varchar(64)  not null,
    target  varchar(500),
    detail  varchar(4000)
);
create index audit_log_at_idx on audit_log (at, id);
create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function ticket_event_append_only();

-- Scheduled reports: what to send to whom and when (the Quartz trigger is derived from this row).
create table report_subscription (
    id          bigserial     primary key,
    name        varchar(200)  not null,
    report      varchar(64)   not null,
    format      varchar(8)    not null,
    filters     jsonb         not null default '{}',
    period      varchar(16)   not null,
    cron        varchar(120)  not null,
    zone        varchar(64)   not null,
    recipients  varchar(320)[] not null,
    enabled     boolean       not null default true,
    created_by  varchar(320)  not null,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0
);

-- Every run of a subscription: scheduled (or catch-up after downtime), its outcome and retries.
create table report_run (
    id               bigserial    primary key,
    subscription_id  bigint       not null references report_subscription(id) on delete cascade,
    scheduled_for    timestamptz  not null,
    started_at       timestamptz  not null,
    finished_at      timestamptz,
    status           varchar(16)  not null,
    attempt          integer      not null,
    period_from      date         not null,
    period_to        date         not null,
    rows_written     bigint,
    message_id       varchar(998),
    error            varchar(4000)
);
create index report_run_subscription_idx on report_run (subscription_id, id desc);

-- Mail can carry one attachment (scheduled reports).
alter table outbound_mail add column attachment_name varchar(255);
alter table outbound_mail add column attachment_type varchar(255);
alter table outbound_mail add column attachment bytea;

