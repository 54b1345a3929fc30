-- A migration of one project's tickets (onto a version of its own, from its own or from a shared one).
alter table process_migration add column project varchar(32);
alter table process_migration add column from_shared boolean not null default false;

-- The audit log: the project an act concerned (a ticket's, a template's, a project's own process);
-- null for acts of the whole installation (users, groups, reloads of the shared files, logins).
alter table audit_log add column project varchar(32);
create index audit_log_project_idx on audit_log (project, at);
