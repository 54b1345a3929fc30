-- Migrations of running tickets that run as an engine batch (process studio): what was asked, by whom,
-- which process instances the batch moves, and which tickets stay (ticket TAB reason, one per line).
create table process_migration (
    id            bigserial primary key,
    process_key   varchar(255) not null,
    from_version  integer      not null,
    to_version    integer      not null,
    requested_by  varchar(255) not null,
    requested_at  timestamptz  not null,
    batch_id      varchar(64)  not null,
    instance_ids  text         not null,
    skipped       text         not null default ''
);
