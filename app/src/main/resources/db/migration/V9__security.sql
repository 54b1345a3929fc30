-- Security hardening (docs/operations.md, "Security").

-- The audit log says from where an act came and how it ended ("OK", "FAILED: …", "REFUSED: …").
alter table audit_log add column client_address varchar(64);
alter table audit_log add column result varchar(500) not null default 'OK';
create index audit_log_action_idx on audit_log (action, at);

-- Append-only means no TRUNCATE either (the row triggers of V1/V6 cannot see a TRUNCATE).
create function append_only_table() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function append_only_table();
create trigger ticket_event_no_truncate before truncate on ticket_event
    for each statement execute function append_only_table();

-- Failed logins per account, per client address and per both (LoginThrottle): shared by every node.
create table login_throttle (
    key              varchar(400) primary key,
    failures         integer      not null,
    first_failure_at timestamptz  not null,
    blocked_until    timestamptz
);
