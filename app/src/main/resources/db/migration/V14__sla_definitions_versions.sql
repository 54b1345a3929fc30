-- Versioned SLA definitions (issue 14). Each load of sla-definitions/ that changes something is kept
-- as a numbered version with the files' text; every clock records the version it runs under, so a
-- reload never changes a running clock. Versions are never changed or removed.
create table sla_definitions_version (
    number     integer      primary key,
    files      jsonb        not null,         -- {"policies.yaml": "<the file's text>", ...}
    checksum   varchar(64)  not null,         -- SHA-256 of the files, to see whether a load changed anything
    loaded_by  varchar(320) not null,
    loaded_at  timestamptz  not null,
    reason     varchar(40)  not null          -- start-up or reload
);

create function sla_definitions_version_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'sla_definitions_version rows are never changed or removed';
end $$;
create trigger sla_definitions_version_no_change before update or delete on sla_definitions_version
    for each row execute function sla_definitions_version_append_only();

-- The version a clock runs under (clocks from before this migration get the first version stored at
-- start-up), and the facts its policy was selected on, so SLA repair can select again under other
-- definitions exactly as the ticket's opening did.
alter table sla_clock add column definitions_version integer references sla_definitions_version (number);
alter table sla_clock add column opened_channel varchar(16);
alter table sla_clock add column opened_group   varchar(64);
alter table sla_clock add column opened_priority varchar(2);
alter table sla_clock add column opened_project varchar(64);
create index sla_clock_definitions_version_idx on sla_clock (definitions_version);

update sla_clock c set
    opened_channel = t.channel,
    opened_project = coalesce((select e.old_value from ticket_event e where e.ticket_id = t.id
                                 and e.type = 'PROJECT_CHANGED' order by e.at, e.id limit 1), t.project),
    opened_priority = coalesce((select e.new_value from ticket_event e where e.ticket_id = t.id
                                 and e.type = 'PRIORITY_DECIDED' order by e.at, e.id limit 1), c.priority),
    opened_group = coalesce((select substring(e.detail from 'queue (.*)$') from ticket_event e where e.ticket_id = t.id
                               and e.type = 'CREATED' order by e.at, e.id limit 1), t.current_group)
  from ticket t where t.id = c.ticket_id;
