-- Customer satisfaction (module rating). An invitation is one answer the customer can rate: a public
-- reply, or the resolution notice when a ticket was resolved without one. It keeps the facts of that
-- moment (the group and agent who answered, priority, channel, project), so ratings are reported as
-- they were when the answer was sent, whatever happens to the ticket later.
create sequence rating_invitation_seq;
create table rating_invitation (
    id         bigint       primary key,
    ticket_id  bigint       not null references ticket (id),
    kind       varchar(12)  not null,           -- REPLY or RESOLUTION
    project    varchar(32)  not null,
    group_id   varchar(64),
    agent      varchar(64),
    priority   varchar(2)   not null,
    channel    varchar(16)  not null,
    language   varchar(8),                      -- the customer's, for the rating page
    sent_at    timestamptz  not null,
    expires_at timestamptz  not null
);
create index rating_invitation_sent_idx on rating_invitation (sent_at);
create index rating_invitation_ticket_idx on rating_invitation (ticket_id);

-- The customer's rating of one answer: the last one counts (changes counts how often it was changed).
create table rating (
    invitation_id  bigint        primary key references rating_invitation (id),
    quality        smallint      not null check (quality between 1 and 5),
    speed          smallint      check (speed between 1 and 5),
    comment        varchar(2000),
    first_rated_at timestamptz   not null,
    rated_at       timestamptz   not null,
    changes        integer       not null default 0
);
create index rating_rated_idx on rating (rated_at);

-- The key rating links are signed with when linedesk.ratings.signing-key is not set: made once, by
-- whichever node needs it first, and shared by every node through the database.
create table rating_signing_key (
    id         smallint     primary key check (id = 1),
    secret     bytea        not null,
    created_at timestamptz  not null
);

-- What the reports read of ratings (the rating module's published view, not its tables).
create view rating_answer as
select i.id invitation_id, i.ticket_id, i.kind, i.project, i.group_id, i.agent, i.priority, i.channel, i.sent_at,
       r.quality, r.speed, r.comment, r.rated_at
  from rating_invitation i
  left join rating r on r.invitation_id = i.id;

-- The group whose queue the ticket was in when a message was written (messages per group); null on
-- older rows, where the reports fall back to the ticket's group now.
alter table article add column queue varchar(64);
create index article_customer_message_at_idx on article (created_at) where kind = 'CUSTOMER_MESSAGE';

insert into response_template (project, name, language, title, subject, body, system, updated_at, updated_by) values
(null, 'rating-invitation', 'en', 'Rating links under every answer', null,
'How did we do? One click rates this answer (5 = excellent, 1 = poor):
{{#rating.scores}}  {{score}}: {{link}}
{{/rating.scores}}
Rate our speed too and leave a comment: {{rating.link}}
The link is valid until {{rating.until}}.', true, now(), 'system'),
(null, 'rating-invitation', 'ru', 'Ссылки для оценки под каждым ответом', null,
'Как мы справились? Оцените ответ одним щелчком (5 — отлично, 1 — плохо):
{{#rating.scores}}  {{score}}: {{link}}
{{/rating.scores}}
Оцените и скорость, оставьте комментарий: {{rating.link}}
Ссылка действует до {{rating.until}}.', true, now(), 'system'),
(null, 'ticket-resolved', 'en', 'Notice that a request is resolved', 'Resolved: [{{ticket.number}}] {{ticket.subject}}',
'Dear {{customer.name}},

we consider your request {{ticket.number}} resolved. If the problem persists, simply reply to this e-mail:
the request opens again and goes back to the people who worked on it.

Your support team', true, now(), 'system'),
(null, 'ticket-resolved', 'ru', 'Уведомление о решении обращения', 'Решено: [{{ticket.number}}] {{ticket.subject}}',
'Здравствуйте, {{customer.name}}!

Мы считаем ваше обращение {{ticket.number}} решённым. Если проблема осталась, просто ответьте на это письмо:
обращение откроется снова и вернётся к тем, кто над ним работал.

Служба поддержки', true, now(), 'system');
