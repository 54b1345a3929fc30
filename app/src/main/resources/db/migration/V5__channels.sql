-- Channels (e-mail, web form), routing results, attachments, the mail outbox and response templates.

alter table ticket add column requester_language varchar(8);
alter table ticket add column category varchar(64);
alter table ticket add column tags varchar(64)[] not null default '{}';
alter table ticket add column routing_hint varchar(200);

-- The sanitised HTML of a customer's message (safe tags only); body keeps the text agents read.
alter table article add column body_html text;

create sequence attachment_seq start with 1 increment by 50;
create table attachment (
    id           bigint       primary key,
    article_id   bigint       not null references article(id),
    ticket_id    bigint       not null references ticket(id),
    filename     varchar(255) not null,
    content_type varchar(255) not null,
    size_bytes   bigint       not null,
    content      bytea        not null,
    created_at   timestamptz  not null
);
create index attachment_article_idx on attachment (article_id);
create index attachment_ticket_idx on attachment (ticket_id);

-- Every message taken from a mailbox, whatever became of it. The unique Message-ID makes a second
-- delivery of the same message a no-op; quarantined messages keep their raw source for admins.
create table inbound_mail (
    id          bigserial     primary key,
    mailbox     varchar(64)   not null,
    message_id  varchar(998)  not null unique,
    sender      varchar(320),
    recipient   varchar(320),
    subject     varchar(1000),
    received_at timestamptz   not null,
    outcome     varchar(16)   not null,
    automatic   boolean       not null default false,
    -- deferred: the ticket row is written by JPA at flush, after this row in the same transaction
    ticket_id   bigint        references ticket(id) deferrable initially deferred,
    reason      varchar(2000),
    raw         bytea,
    released_at timestamptz,
    released_by varchar(64)
);
create index inbound_mail_ticket_idx on inbound_mail (ticket_id);
create index inbound_mail_sender_idx on inbound_mail (sender, received_at);
create index inbound_mail_quarantine_idx on inbound_mail (received_at) where outcome = 'QUARANTINED';

-- The transactional outbox: a mail is written in the same transaction as what caused it and sent
-- by a worker with retries; its Message-ID is fixed here, so threading never depends on the sender.
create table outbound_mail (
    id              bigserial     primary key,
    ticket_id       bigint        references ticket(id) deferrable initially deferred,
    purpose         varchar(24)   not null,
    from_address    varchar(320)  not null,
    to_address      varchar(2000) not null,
    subject         varchar(1000) not null,
    body            text          not null,
    message_id      varchar(998)  not null unique,
    in_reply_to     varchar(998),
    references_ids  text,
    status          varchar(8)    not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(2000),
    created_at      timestamptz   not null,
    sent_at         timestamptz
);
create index outbound_mail_due_idx on outbound_mail (next_attempt_at, id) where status = 'PENDING';
create index outbound_mail_ticket_idx on outbound_mail (ticket_id);
create index outbound_mail_failed_idx on outbound_mail (created_at) where status = 'FAILED';

-- Response templates (Mustache), one row per name and language.
create table response_template (
    name       varchar(64)   not null,
    language   varchar(8)    not null,
    title      varchar(200)  not null,
    subject    varchar(500),
    body       text          not null,
    system     boolean       not null default false,
    updated_at timestamptz   not null,
    updated_by varchar(64)   not null,
    version    bigint        not null default 0,
    primary key (name, language)
);

insert into response_template (name, language, title, subject, body, system, updated_at, updated_by) values
('acknowledgement', 'en', 'Acknowledgement of a new request', '[{{ticket.number}}] {{ticket.subject}}',
'Dear {{customer.name}},

thank you for your message. We have registered your request as {{ticket.number}}.
{{#deadline}}We will answer by {{deadline}}.{{/deadline}}{{^deadline}}We will answer as soon as possible.{{/deadline}}

To add anything, simply reply to this e-mail and keep {{ticket.number}} in the subject.

Your support team', true, now(), 'system'),
('acknowledgement', 'ru', 'Подтверждение нового обращения', '[{{ticket.number}}] {{ticket.subject}}',
'Здравствуйте, {{customer.name}}!

Спасибо за обращение. Мы зарегистрировали его под номером {{ticket.number}}.
{{#deadline}}Мы ответим до {{deadline}}.{{/deadline}}{{^deadline}}Мы ответим как можно скорее.{{/deadline}}

Чтобы что-то добавить, просто ответьте на это письмо, сохранив {{ticket.number}} в теме.

Служба поддержки', true, now(), 'system'),
('reply-signature', 'en', 'Signature under every reply', null,
'--
{{agent.name}}, support team
Ticket {{ticket.number}}. Reply to this e-mail to add to it.', true, now(), 'system'),
('reply-signature', 'ru', 'Подпись под каждым ответом', null,
'--
{{agent.name}}, служба поддержки
Обращение {{ticket.number}}. Ответьте на это письмо, чтобы дополнить его.', true, now(), 'system'),
('password-reset', 'en', 'How to reset a password', null,
'Dear {{customer.name}},

you can reset your password yourself at the account page: choose "Forgot password?" and follow the
link we send to your recovery address. If the recovery address no longer works, reply to this
e-mail with the address you used when you registered.', false, now(), 'system'),
('password-reset', 'ru', 'Как сбросить пароль', null,
'Здравствуйте, {{customer.name}}!

Сбросить пароль можно самостоятельно на странице аккаунта: нажмите «Забыли пароль?» и перейдите по
ссылке из письма на резервный адрес. Если резервный адрес недоступен, ответьте на это письмо и
укажите адрес, который вы использовали при регистрации.', false, now(), 'system');
