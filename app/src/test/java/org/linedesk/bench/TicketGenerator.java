package org.linedesk.bench;

import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fills LineDesk's tables with a year of realistic help-desk history for the report benchmark: N tickets
 * (ticket), two SLA clocks each (sla_clock), their history (ticket_event) and conversation (article),
 * written by bulk {@code INSERT ... SELECT} over {@code generate_series} in chunks of {@value #CHUNK}
 * tickets, so a million tickets take minutes, not hours, and progress can be printed.
 *
 * <p>What the data looks like (the report's KPIs should come out near these figures):
 * <ul>
 * <li>created over the 364 days before {@code now}, 85 % on weekdays and 85 % between 08:00 and 20:00
 *     Moscow time; channel EMAIL 60 %, WEB 20 %, PHONE 15 %, API 5 %; priority P1 2 %, P2 8 %, P3 30 %,
 *     P4 45 %, P5 15 % with impact and urgency that the shipped priority matrix maps to that priority;</li>
 * <li>about 45 % resolved by first line ({@code anna}, {@code fedor}, {@code agent05}..{@code agent40} in
 *     steps of 5), 55 % handed over to passwords, web, solvers or abuse ({@code agentNN} with NN % 5 = 1..4);</li>
 * <li>1.5 % still open (NEW, OPEN, IN_PROGRESS), 2 % RESOLVED in the last 3 days, the rest CLOSED 3 days
 *     after resolution; 5 % of the resolved were reopened once;</li>
 * <li>first response log-normal around 40 minutes (by priority, tail to days), resolution some hours
 *     later (tail to weeks); SLA clocks of the shipped {@code standard} policy whose business time is
 *     taken as 40 % of the calendar time (a 24x7 clock: 100 %), so that about 10 % of all clocks breach.</li>
 * </ul>
 * All random draws come from PostgreSQL's {@code random()} after {@code setseed()}, on one connection, so
 * a seed (and the same {@code now} and empty database) gives the same data. Ids are taken above both the
 * current rows and the sequences (the running application may hold a block of ids), and the sequences
 * are moved past the new rows afterwards.
 */
public final class TicketGenerator {

    static final int CHUNK = 100_000;
    /** The application takes ids from its sequences 50 at a time (ticket numbers, Hibernate's pooled ids). */
    private static final int ID_BLOCK = 50;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final String[] PHASES = {"plan", "ticket", "sla_clock", "ticket_event", "article"};

    /**
     * The subjects customers write about, six per group (three English, then three Russian): a ticket
     * handed over to a group is about one of that group's subjects; first line may solve any of them.
     * {@code gidx} = group index (first-line 0, passwords 1, web 2, solvers 3, abuse 4) * 6 + subject.
     */
    static final String SUBJECTS = """
            insert into bench_subject (gidx, subject, description, solution) values
            (0, 'How do I change my signature?', 'Where is the setting for the e-mail signature?', 'Settings > Signature; the change applies to new messages.'),
            (1, 'Need a copy of the last invoice', 'Please send me the invoice for last month again.', 'The invoice is attached; all invoices are also on the account page.'),
            (2, 'Cannot log in', 'My password is not accepted since this morning.', 'The account was locked after failed attempts; it is unlocked now.'),
            (3, 'Как изменить подпись в письме?', 'Не могу найти, где меняется подпись.', 'Настройки > Подпись; изменение действует для новых писем.'),
            (4, 'Где скачать VPN-клиент?', 'Подскажите, где взять клиент VPN для нового ноутбука.', 'Клиент доступен на портале в разделе «Загрузки».'),
            (5, 'Не приходит почта', 'С утра не приходят письма от клиентов.', 'Ящик был переполнен; мы увеличили квоту.'),
            (6, 'Password expired', 'The system says my password expired and does not let me set a new one.', 'The password is reset; please set a new one at the next login.'),
            (7, 'Account locked after failed attempts', 'I typed the wrong password a few times and now the account is locked.', 'The account is unlocked; the lock lifts by itself after 30 minutes too.'),
            (8, 'Two-factor code does not arrive', 'The SMS with the login code never comes.', 'The phone number was outdated; we updated it, the codes arrive now.'),
            (9, 'Не подходит пароль', 'Пароль перестал подходить после обновления.', 'Пароль сброшен, при входе задайте новый.'),
            (10, 'Заблокирована учётная запись', 'После нескольких попыток входа учётная запись заблокирована.', 'Учётная запись разблокирована.'),
            (11, 'Истёк срок действия пароля', 'Система требует сменить пароль, но новый не принимает.', 'Пароль сброшен; новый должен содержать не менее 12 символов.'),
            (12, 'Website shows error 500 on checkout', 'The order page fails with error 500 after I press Pay.', 'A faulty release was rolled back; checkout works again.'),
            (13, 'Mail client keeps asking for the password', 'Outlook asks for my password every few minutes.', 'The client used an old server name; the settings are corrected.'),
            (14, 'Attachments are not shown in webmail', 'I see the paper clip but cannot open any attachment.', 'A browser extension blocked the downloads; it is disabled now.'),
            (15, 'Не открывается личный кабинет', 'Личный кабинет показывает пустую страницу.', 'Очистите кэш браузера; исправление уже выложено.'),
            (16, 'Письма уходят в спам', 'Наши письма клиентам попадают в папку «Спам».', 'Для домена настроены SPF и DKIM.'),
            (17, 'Не отправляется письмо, ошибка 550', 'При отправке письма появляется ошибка 550.', 'Адрес получателя был в чёрном списке; ограничение снято.'),
            (18, 'VPN disconnects', 'The VPN drops every five minutes.', 'A new VPN profile is installed; the connection is stable now.'),
            (19, 'Printer prints blank pages', 'The printer on floor 3 prints blank pages.', 'The toner cartridge was replaced.'),
            (20, 'Application crashes on start', 'The accounting application closes right after the splash screen.', 'A corrupted cache was removed; the application starts again.'),
            (21, 'Не работает VPN', 'VPN отключается каждые пять минут.', 'Установлен новый профиль VPN.'),
            (22, 'Принтер печатает пустые страницы', 'Принтер на третьем этаже печатает пустые листы.', 'Картридж заменён.'),
            (23, 'Медленно работает 1С', '1С открывает документы по минуте.', 'Перестроены индексы базы, скорость восстановлена.'),
            (24, 'Phishing e-mail received', 'I got an e-mail asking for my password on a strange site.', 'The sender is blocked and the message removed from all mailboxes.'),
            (25, 'Spam sent from our domain', 'Customers say they receive spam from our address.', 'A compromised account was blocked and its password reset.'),
            (26, 'Suspicious login from another country', 'I got a notice about a login from abroad that was not me.', 'The sessions are closed and the password reset; two-factor login is on.'),
            (27, 'Фишинговое письмо', 'Пришло письмо с просьбой ввести пароль на странном сайте.', 'Отправитель заблокирован, письмо удалено из всех ящиков.'),
            (28, 'С нашего адреса рассылается спам', 'Клиенты получают спам от нашего имени.', 'Взломанная учётная запись заблокирована.'),
            (29, 'Подозрительный вход в аккаунт', 'Пришло уведомление о входе из другой страны.', 'Сессии завершены, пароль сброшен.')
            """;

    /**
     * One row per ticket of the chunk with every random decision and instant, so that the four tables
     * are written from the same story. All random() calls are in the innermost subquery (evaluated
     * once per row, in series order); the lateral subqueries only derive from it.
     */
    static final String PLAN = """
            insert into bench_plan
            select r.n, x.id,
                   'INC-' || case when x.id < 10000000 then lpad(x.id::text, 7, '0') else x.id::text end,
                   a.status, a.p,
                   (array['HIGH', 'MEDIUM', 'LOW'])[l.impact_rank],
                   (array['HIGH', 'MEDIUM', 'LOW'])[a.p + 1 - l.impact_rank],
                   a.channel, s.gidx, s.lang,
                   (array['first-line', 'passwords', 'web', 'solvers', 'abuse'])[g.gi + 1],
                   w.fl_agent,
                   case when g.gi = 0 then w.fl_agent
                        else 'agent' || lpad((5 * floor(r.u_agent * 8) + g.gi)::int::text, 2, '0') end,
                   b.reopened,
                   'customer' || r.n % 200000 || '@example.' || case when s.lang = 'ru' then 'ru' else 'com' end,
                   case when r.u_name < 0.7
                        then case when s.lang = 'ru' then 'Клиент ' else 'Customer ' end || r.n % 200000 end,
                   c.created_at, e.fr_at, e.ho_at, e.r1_at, e.ro_at, e.res_at,
                   case when a.status = 'CLOSED' then e.res_at + interval '3 days' end
              from (select n,
                           random() u_status, random() u_open, random() u_prio, random() u_combo, random() u_channel,
                           random() u_handed, random() u_group, random() u_fl, random() u_agent, random() u_subject,
                           random() u_name, random() u_reopen, random() u_week, random() u_day, random() u_hour,
                           random() u_second, random() u_recent, random() u_old,
                           -- standard normal variables (Box-Muller) for the log-normal durations
                           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) z_fr,
                           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) z_ho,
                           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) z_work,
                           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) z_gap,
                           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) z_rework
                      from generate_series(cast(:first as bigint), cast(:last as bigint)) n) r
             cross join lateral (select cast(:ticketBase as bigint) + r.n id) x
             cross join lateral (select
                    case when r.u_status < 0.015 then case when r.u_open < 0.3 then 'NEW'
                                                           when r.u_open < 0.55 then 'OPEN' else 'IN_PROGRESS' end
                         when r.u_status < 0.035 then 'RESOLVED'
                         else 'CLOSED' end status,
                    case when r.u_prio < 0.02 then 1 when r.u_prio < 0.10 then 2 when r.u_prio < 0.40 then 3
                         when r.u_prio < 0.85 then 4 else 5 end p,
                    case when r.u_channel < 0.60 then 'EMAIL' when r.u_channel < 0.80 then 'WEB'
                         when r.u_channel < 0.95 then 'PHONE' else 'API' end channel) a
             -- the priority matrix: rank(impact) + rank(urgency) = priority + 1 (HIGH 1 .. LOW 3)
             cross join lateral (select greatest(1, a.p - 2)
                    + floor(r.u_combo * (least(3, a.p) - greatest(1, a.p - 2) + 1))::int impact_rank) l
             -- OPEN = waiting in the queue of the group it was handed over to; NEW = untouched
             cross join lateral (select
                    a.status = 'OPEN' or (a.status <> 'NEW' and r.u_handed < 0.55) handed,
                    a.status in ('RESOLVED', 'CLOSED') and r.u_reopen < 0.05 reopened) b
             cross join lateral (select case when not b.handed then 0 when r.u_group < 0.35 then 1
                    when r.u_group < 0.65 then 2 when r.u_group < 0.90 then 3 else 4 end gi) g
             cross join lateral (select
                    case when b.handed then g.gi * 6 + floor(r.u_subject * 6)::int
                         else floor(r.u_subject * 30)::int end gidx) s0
             cross join lateral (select s0.gidx, case when s0.gidx % 6 < 3 then 'en' else 'ru' end lang) s
             cross join lateral (select case when r.u_fl < 0.3 then 'anna' when r.u_fl < 0.6 then 'fedor'
                    else 'agent' || lpad((5 * (1 + floor((r.u_fl - 0.6) / 0.4 * 8)))::int::text, 2, '0') end fl_agent) w
             -- durations in seconds, log-normal: median by priority (P1..P5), clamped
             cross join lateral (select
                    least(864000, greatest(30, exp(ln((array[300, 900, 1800, 2700, 3600])[a.p]::float8)
                        + 1.6 * r.z_fr))) fr_s,
                    case when b.handed then least(432000, greatest(60, exp(ln(1800::float8) + 1.2 * r.z_ho)))
                         else 0 end ho_s,
                    least(1728000, greatest(300, exp(ln((array[1800, 7200, 14400, 18000, 21600])[a.p]::float8
                        * case when b.handed then 1.25 else 1 end) + 1.6 * r.z_work))) work_s,
                    -- a reopen: the customer replies within the 3-day quiet period, then more work
                    case when b.reopened then least(250000, greatest(600, exp(ln(21600::float8) + r.z_gap)))
                         else 0 end gap_s,
                    case when b.reopened then least(432000, greatest(300, exp(ln(7200::float8) + 1.2 * r.z_rework)))
                         else 0 end rework_s) d
             cross join lateral (select round(d.fr_s + d.ho_s + d.work_s + d.gap_s + d.rework_s) total_s) t
             -- office time: a week of the last 52, a weekday (weekends less), an hour (08-20 more), Moscow time
             cross join lateral (select (cast(:weekStart as timestamp)
                    - floor(r.u_week * 52) * interval '7 days'
                    + case when r.u_day < 0.85 then floor(r.u_day / 0.17) when r.u_day < 0.93 then 5 else 6 end
                      * interval '1 day'
                    + case when r.u_hour < 0.85 then 8 + floor(r.u_hour / 0.85 * 12)
                           else (20 + floor((r.u_hour - 0.85) / 0.15 * 12)::int) % 24 end * interval '1 hour'
                    + floor(r.u_second * 3600) * interval '1 second') at time zone 'Europe/Moscow' office) o0
             -- a slot later this week lies in the future: take it from the 53rd week back instead
             cross join lateral (select case when o0.office > cast(:now as timestamptz)
                    then o0.office - interval '364 days' else o0.office end office) o
             cross join lateral (select date_trunc('second', case a.status
                    -- closed: 3 days after resolution, before now; a too recent one moves back by whole weeks
                    when 'CLOSED' then o.office - ceil(greatest(0, extract(epoch from o.office - cast(:now as timestamptz))::float8
                                                               + t.total_s + 3 * 86400 + 3600) / 604800) * interval '7 days'
                    when 'RESOLVED' then cast(:now as timestamptz) - r.u_recent * interval '3 days' - t.total_s * interval '1 second'
                    when 'NEW' then cast(:now as timestamptz) - r.u_recent * interval '2 days'
                    else cast(:now as timestamptz) - r.u_recent * case when r.u_old < 0.85 then interval '30 days'
                                                                      else interval '364 days' end
                    end) created_at) c
             -- an open ticket's first response and hand-over happened before now: squeeze them into its age
             cross join lateral (select case when a.status in ('OPEN', 'IN_PROGRESS')
                    then least(1, 0.9 * extract(epoch from cast(:now as timestamptz) - c.created_at)::float8
                                  / (d.fr_s + d.ho_s))
                    else 1 end squeeze) q
             cross join lateral (select
                    case when a.status <> 'NEW' then c.created_at + round(d.fr_s * q.squeeze) * interval '1 second' end fr_at,
                    case when b.handed then c.created_at + round((d.fr_s + d.ho_s) * q.squeeze) * interval '1 second' end ho_at,
                    case when b.reopened then c.created_at + round(d.fr_s + d.ho_s + d.work_s) * interval '1 second' end r1_at,
                    case when b.reopened then c.created_at + round(d.fr_s + d.ho_s + d.work_s + d.gap_s) * interval '1 second' end ro_at,
                    case when a.status in ('RESOLVED', 'CLOSED') then c.created_at + t.total_s * interval '1 second' end res_at) e
            """;

    static final String TICKETS = """
            insert into ticket (id, number, subject, description, requester_name, requester_email, channel, impact,
                                urgency, priority, status, current_group, assignee, last_answered_group, resolution,
                                reopen_count, created_at, updated_at, queued_at, first_responded_at, resolved_at,
                                closed_at, version, requester_language, first_responded_by, project)
            select p.id, p.number, s.subject, s.description, p.requester_name, p.email, p.channel, p.impact,
                   p.urgency, 'P' || p.p, p.status, p.grp,
                   case when p.status not in ('NEW', 'OPEN') then p.agent end,
                   case when p.status in ('RESOLVED', 'CLOSED') then p.grp when p.fr_at is not null then 'first-line' end,
                   case when p.status = 'CLOSED' then 'resolved; no reply within the quiet period' end,
                   case when p.reopened then 1 else 0 end,
                   p.created_at,
                   coalesce(p.closed_at, p.res_at, greatest(p.created_at, p.fr_at, p.ho_at)),
                   greatest(p.created_at, p.ho_at, p.ro_at),
                   p.fr_at, p.res_at, p.closed_at, 0, p.lang, case when p.fr_at is not null then p.fl_agent end, 'default'
              from bench_plan p
              join bench_subject s on s.gidx = p.gidx
             order by p.id
            """;

    /**
     * Both clocks of each ticket. Business time is 40 % of the calendar time (support-moscow has 76 of
     * 168 hours a week), 100 % on 24x7 (P1 resolution); a reopened ticket's resolution clock stood
     * still from the first resolution to the reopen (a pause, as SlaClock.restart records it). A clock
     * breached when its business time exceeded the target, at the calendar instant the target was used up.
     */
    static final String CLOCKS = """
            insert into sla_clock (id, ticket_id, metric, policy_id, calendar_id, priority, target_seconds, started_at,
                                   pauses, stopped_at, due_at, warnings_fired, business_seconds, breached_at,
                                   escalated_at, version, timer_job_id)
            select cast(:clockBase as bigint) + 2 * p.n + m.k, p.id, m.metric, 'standard', y.calendar_id, 'P' || p.p,
                   y.target_seconds, p.created_at, y.pauses, y.stopped_at,
                   case when y.stopped_at is null then z.due_at end,
                   -- the standard policy warns at 75 % and 90 % of the target
                   case when z.used >= 0.9 * y.target_seconds then 2 when z.used >= 0.75 * y.target_seconds then 1 else 0 end,
                   case when y.stopped_at is not null then round(z.used)::bigint end,
                   case when z.used > y.target_seconds then z.due_at end,
                   case when z.used > y.target_seconds then z.due_at end,
                   0, null
              from bench_plan p
             cross join (values (0, 'FIRST_RESPONSE'), (1, 'RESOLUTION')) m(k, metric)
             cross join lateral (select
                    case when m.k = 1 and p.p = 1 then '24x7' else 'support-moscow' end calendar_id,
                    case when m.k = 1 and p.p = 1 then 1.0 else 0.4 end::float8 factor,
                    case when m.k = 0 then (array[900, 3600, 3600, 14400, 28800])[p.p]
                         else (array[14400, 28800, 43200, 86400, 172800])[p.p] end::bigint target_seconds,
                    case when m.k = 0 then p.fr_at else p.res_at end stopped_at,
                    m.k = 1 and p.reopened paused,
                    case when m.k = 1 and p.reopened
                         then to_char(p.r1_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '/'
                              || to_char(p.ro_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                         else '' end pauses) y
             cross join lateral (select p.created_at + round(y.target_seconds / y.factor) * interval '1 second' due) z0
             cross join lateral (select
                    y.factor * (extract(epoch from coalesce(y.stopped_at, cast(:now as timestamptz)) - p.created_at)::float8
                                - case when y.paused then extract(epoch from p.ro_at - p.r1_at)::float8 else 0 end) used,
                    case when y.paused and z0.due > p.r1_at then z0.due + (p.ro_at - p.r1_at) else z0.due end due_at) z
             order by 1
            """;

    /** The history entries the reports read; slot k of ticket n gets id base + 10n + k (chronological). */
    static final String EVENTS = """
            insert into ticket_event (id, ticket_id, at, actor, type, old_value, new_value, detail)
            select cast(:eventBase as bigint) + 10 * p.n + e.slot, p.id, e.at, e.actor, e.type, e.old_value,
                   e.new_value, e.detail
              from bench_plan p
             cross join lateral (values
                    (0, p.created_at, p.email, 'CREATED', null, p.number, 'channel ' || p.channel || ', queue first-line'),
                    (1, p.fr_at, p.fl_agent, 'FIRST_RESPONSE', null,
                        to_char(p.fr_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), null),
                    (2, p.ho_at, p.fl_agent, 'HANDED_OVER', 'first-line', p.grp,
                        case p.grp when 'passwords' then 'account checks needed' when 'web' then 'web or mail client problem'
                                   when 'solvers' then 'needs investigation' else 'abuse report' end),
                    (3, p.r1_at, 'system', 'STATUS_CHANGED', 'IN_PROGRESS', 'RESOLVED', null),
                    (4, p.ro_at, 'system', 'REOPENED', null, p.grp, 'reopen #1'),
                    (5, p.res_at, 'system', 'STATUS_CHANGED', 'IN_PROGRESS', 'RESOLVED', null),
                    (6, p.closed_at, 'system', 'CLOSED', null, null, 'resolved; no reply within the quiet period'))
                   e(slot, at, actor, type, old_value, new_value, detail)
             where e.at is not null
             order by 1
            """;

    /**
     * The conversation: the customer's request, the first reply, the customer's reply that reopened it
     * and the resolving agent's answer (slot k of ticket n gets id base + 4n + k).
     */
    static final String ARTICLES = """
            insert into article (id, ticket_id, kind, author, author_name, body, channel, created_at)
            select cast(:articleBase as bigint) + 4 * p.n + m.slot, p.id, m.kind, m.author,
                   case when m.kind = 'CUSTOMER_MESSAGE' then p.requester_name
                        when m.author = 'anna' then 'Anna First-line' when m.author = 'fedor' then 'Fedor First-line'
                        else 'Agent ' || substr(m.author, 6) end,
                   m.body, p.channel, m.at
              from bench_plan p
              join bench_subject s on s.gidx = p.gidx
             cross join lateral (values
                    (0, p.created_at, 'CUSTOMER_MESSAGE', p.email, s.description),
                    (1, p.fr_at, 'PUBLIC_REPLY', p.fl_agent,
                        case when p.lang = 'ru' then 'Здравствуйте! Спасибо за обращение, мы разбираемся и скоро ответим.'
                             else 'Hello, thank you for your message. We are looking into it and will get back to you shortly.' end),
                    (2, p.ro_at, 'CUSTOMER_MESSAGE', p.email,
                        case when p.lang = 'ru' then 'Проблема повторилась, посмотрите, пожалуйста, ещё раз.'
                             else 'It happens again, please have another look.' end),
                    (3, p.res_at, 'PUBLIC_REPLY', p.agent, s.solution))
                   m(slot, at, kind, author, body)
             where m.at is not null
             order by 1
            """;

    private static final String[] CHUNK_STATEMENTS = {PLAN, TICKETS, CLOCKS, EVENTS, ARTICLES};

    private TicketGenerator() {
    }

    /**
     * Adds {@code tickets} tickets (with clocks, history and articles) whose story ends before {@code now}.
     * Runs on one connection of {@code jdbc}'s pool (the random generator and the temporary tables are
     * per session) with autocommit: each statement commits by itself.
     */
    public static void fill(JdbcTemplate jdbc, int tickets, Instant now, long seed) {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(true); // one commit per statement; VACUUM refuses to run in a transaction
            try {
                generate(con, tickets, now, seed);
            } finally {
                con.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    private static void generate(Connection con, int tickets, Instant now, long seed) {
        NamedParameterJdbcTemplate db = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(con, true));
        JdbcTemplate plain = db.getJdbcTemplate();
        long start = System.nanoTime();
        try {
            // A bulk statement's cost estimate would make a server built with LLVM spend seconds per chunk
            // compiling it (JIT); the embedded server has no JIT, so this only matters for an external one.
            plain.execute("set jit = off");
            // Rows are consistent by construction; skipping the per-row foreign-key checks (triggers) halves
            // the load time. Needs a superuser (the embedded database's "postgres" is one).
            try {
                plain.execute("set session_replication_role = replica");
            } catch (RuntimeException e) {
                System.out.println("generator: foreign-key checks stay on (" + e.getMessage() + ")");
            }
            plain.execute("drop table if exists bench_plan, bench_subject");
            plain.execute("""
                    create temporary table bench_subject (gidx int primary key, subject text not null,
                        description text not null, solution text not null)""");
            plain.execute(SUBJECTS);
            plain.execute("""
                    create temporary table bench_plan (
                        n bigint not null, id bigint not null, number text not null, status text not null,
                        p int not null, impact text not null, urgency text not null, channel text not null,
                        gidx int not null, lang text not null, grp text not null, fl_agent text not null,
                        agent text not null, reopened boolean not null, email text not null, requester_name text,
                        created_at timestamptz not null, fr_at timestamptz, ho_at timestamptz, r1_at timestamptz,
                        ro_at timestamptz, res_at timestamptz, closed_at timestamptz)""");

            // New ids lie above the rows and above the sequences: the application may hold a block of 50 ids
            // it took from a sequence but has not used yet (ticket numbers and Hibernate's pooled ids).
            MapSqlParameterSource params = new MapSqlParameterSource()
                    .addValue("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .addValue("weekStart", LocalDateTime.ofInstant(now, MOSCOW).toLocalDate()
                            .with(DayOfWeek.MONDAY).atStartOfDay())
                    .addValue("ticketBase", base(plain, "ticket", "ticket_number_seq"))
                    .addValue("clockBase", base(plain, "sla_clock", "sla_clock_seq"))
                    .addValue("eventBase", base(plain, "ticket_event", "ticket_event_seq"))
                    .addValue("articleBase", base(plain, "article", "article_seq"));
            System.out.printf("generator: %,d tickets up to %s (seed %d), ticket ids from %,d, chunks of %,d%n",
                    tickets, now, seed, (Long) params.getValue("ticketBase") + 1, CHUNK);

            // The same seed gives the same random() sequence in this session, so the same data.
            plain.execute(String.format(Locale.ROOT, "select setseed(%.15f)", new Random(seed).nextDouble() * 2 - 1));

            long[] nanos = new long[PHASES.length];
            long[] rows = new long[PHASES.length];
            for (long first = 1; first <= tickets; first += CHUNK) {
                long last = Math.min(tickets, first + CHUNK - 1);
                params.addValue("first", first).addValue("last", last);
                long chunkStart = System.nanoTime();
                plain.execute("truncate bench_plan");
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < PHASES.length; i++) {
                    long t0 = System.nanoTime();
                    rows[i] += db.update(CHUNK_STATEMENTS[i], params);
                    nanos[i] += System.nanoTime() - t0;
                    line.append(String.format(" %s %.1f s", PHASES[i], (System.nanoTime() - t0) / 1e9));
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf("generator: %,9d / %,d tickets in %.1f s (%s; chunk %.1f s), %,.0f tickets/s, ETA %s%n",
                        last, tickets, elapsed, line.toString().strip(), (System.nanoTime() - chunkStart) / 1e9,
                        last / elapsed, eta(elapsed, last, tickets));
            }
            for (int i = 0; i < PHASES.length; i++) {
                System.out.printf("generator: %-12s %,11d rows in %6.1f s%n", PHASES[i], rows[i], nanos[i] / 1e9);
            }

            // Move the sequences past the new rows (the application's next ids and ticket numbers).
            long t0 = System.nanoTime();
            plain.execute("select setval('ticket_number_seq', (select max(id) from ticket) + 50)");
            plain.execute("select setval('sla_clock_seq', (select max(id) from sla_clock) + 100)");
            plain.execute("select setval('ticket_event_seq', (select max(id) from ticket_event) + 100)");
            plain.execute("select setval('article_seq', (select max(id) from article) + 100)");
            // the search documents the triggers keep (replica mode skipped them), as V15 fills them
            plain.execute("""
                    insert into ticket_text (ticket_id, document)
                    select t.id, strip(t.search_document || coalesce((select string_agg(strip(a.search_document)::text, ' ')::tsvector
                                                                        from article a where a.ticket_id = t.id), ''::tsvector))
                      from ticket t
                    on conflict (ticket_id) do nothing""");
            // VACUUM as well as ANALYZE: it sets the hint bits and the visibility map now, so neither the
            // first report query (which would write every page it reads) nor autovacuum (which would run
            // during the measurements) pays for the bulk load.
            plain.execute("vacuum (analyze) ticket, sla_clock, ticket_event, article, ticket_text");
            System.out.printf("generator: sequences moved, vacuum analyze in %.1f s; total %.1f s%n",
                    (System.nanoTime() - t0) / 1e9, (System.nanoTime() - start) / 1e9);
        } finally {
            plain.execute("drop table if exists bench_plan, bench_subject");
            plain.execute("reset session_replication_role");
            plain.execute("reset jit");
        }
    }

    /** The largest id that may be in use: the table's, or one of a block taken from the sequence. */
    private static long base(JdbcTemplate jdbc, String table, String sequence) {
        return jdbc.queryForObject("select greatest((select coalesce(max(id), 0) from " + table + "),"
                + " (select last_value + " + ID_BLOCK + " from " + sequence + "))", Long.class);
    }

    private static String eta(double elapsedSeconds, long done, long total) {
        Duration left = Duration.ofSeconds(Math.round(elapsedSeconds / done * (total - done)));
        return String.format("%dm%02ds", left.toMinutes(), left.toSecondsPart());
    }
}
