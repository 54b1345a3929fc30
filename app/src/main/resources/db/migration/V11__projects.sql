-- Projects: several isolated desks in one installation (docs/projects.md). An installation that
-- upgrades gets the project `default`, holding everything that exists, so nothing changes for it
-- until a second project is added.
create table project (
    key           varchar(32)  primary key,
    name          varchar(200) not null,
    ticket_prefix varchar(8)   not null,
    time_zone     varchar(64)  not null,
    language      varchar(8)   not null,
    first_line    varchar(64)  not null,
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null
);
insert into project (key, name, ticket_prefix, time_zone, language, first_line, created_at, created_by)
values ('default', 'Support', 'INC', 'Europe/Moscow', 'en', 'first-line', now(), 'system');

-- A support group belongs to exactly one project; a group without a row belongs to `default`
-- (so groups created before projects existed, or in the engine's admin webapp, stay where they were).
create table project_group (
    group_id varchar(64) primary key,
    project  varchar(32) not null references project (key)
);

-- People who work in a project without being in one of its groups (managers, auditors, process owners).
create table project_member (
    project varchar(32) not null references project (key),
    user_id varchar(64) not null,
    primary key (project, user_id)
);

-- Pairs of projects between which an administrator allows hand-overs (the ticket moves with its group).
create table project_handover (
    from_project varchar(32) not null references project (key),
    to_project   varchar(32) not null references project (key),
    allowed_by   varchar(64) not null,
    allowed_at   timestamptz not null,
    primary key (from_project, to_project)
);

-- Every ticket is in one project; the default only fills the rows that exist now.
alter table ticket add column project varchar(32) not null default 'default' references project (key);
alter table ticket alter column project drop default;
create index ticket_project_created_idx on ticket (project, created_at);

-- Mail taken from a project's mailbox (quarantine is per project).
alter table inbound_mail add column project varchar(32) not null default 'default' references project (key);
alter table inbound_mail alter column project drop default;

-- Response templates: a project's own, or shared (project null: the automatic mails every project
-- starts with). A project's template of the same name and language replaces the shared one.
alter table response_template add column project varchar(32) references project (key);
update response_template set project = 'default' where not system;
alter table response_template drop constraint response_template_pkey;
create unique index response_template_key on response_template (coalesce(project, ''), name, language);

-- Action chains come from processes/macros.yaml, where each names its project: count uses per project.
alter table macro_usage add column project varchar(32) not null default 'default';
alter table macro_usage drop constraint macro_usage_pkey;
alter table macro_usage add primary key (project, name);
alter table macro_usage alter column project drop default;

-- Scheduled reports cover the projects of whoever set them up (null: every project, set up by an
-- administrator); the existing ones cover the only project there was.
alter table report_subscription add column projects varchar(32)[];
update report_subscription set projects = array['default'];
