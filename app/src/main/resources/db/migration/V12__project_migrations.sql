-- A migration of one project's tickets (onto a version of its own, from its own or from a shared one).
alter table process_migration add column project varchar(32);
alter table process_migration add column from_shared boolean not null default false;
