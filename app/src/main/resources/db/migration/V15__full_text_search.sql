-- Full-text search over tickets (docs/search.md). PostgreSQL's "russian" text search configuration
-- stems Russian words with the Russian Snowball stemmer and Latin words with the English one, so one
-- configuration serves both languages of the desks: "принтеры" finds "принтер", "printers" finds "printer".

-- Phrases, ranking and snippets: the subject and each article keep their own document (with word
-- positions), generated columns that can never disagree with their text.
alter table ticket add column search_document tsvector
    generated always as (to_tsvector('russian', subject)) stored;
alter table article add column search_document tsvector
    generated always as (to_tsvector('russian', left(body, 100000))) stored;
-- "Quoted phrases" need the positions: they are matched against these documents.
create index ticket_search_document_idx on ticket using gin (search_document);
create index article_search_document_idx on article using gin (search_document);

-- Matching: one document per ticket over its subject and its whole conversation, so that a query's words
-- may come from different messages ("printer" in the subject, "toner" in a reply). Positions are stripped:
-- the document stays small (lexemes only; a ticket's conversation rarely has 10,000 distinct words). A
-- conversation that reached 40,000 distinct words stops growing it rather than ever refusing a message.
create table ticket_text (
    ticket_id bigint   primary key references ticket (id) on delete cascade deferrable initially deferred,
    document  tsvector not null
);
create index ticket_text_document_idx on ticket_text using gin (document);

create function ticket_text_of_ticket() returns trigger language plpgsql as $$
begin
    insert into ticket_text (ticket_id, document) values (new.id, strip(new.search_document))
    on conflict (ticket_id) do update set document = strip(new.search_document || ticket_text.document);
    return new;
end $$;
create trigger ticket_text_of_new_ticket after insert on ticket
    for each row execute function ticket_text_of_ticket();
-- Hibernate writes every column on an update: only a changed subject touches the document.
create trigger ticket_text_of_new_subject after update of subject on ticket
    for each row when (old.subject is distinct from new.subject) execute function ticket_text_of_ticket();

create function ticket_text_of_article() returns trigger language plpgsql as $$
begin
    insert into ticket_text (ticket_id, document) values (new.ticket_id, strip(new.search_document))
    on conflict (ticket_id) do update set document = strip(ticket_text.document || excluded.document)
        where length(ticket_text.document) < 40000;
    return new;
end $$;
create trigger ticket_text_of_article after insert on article
    for each row execute function ticket_text_of_article();

insert into ticket_text (ticket_id, document)
select t.id, strip(t.search_document || coalesce((select string_agg(strip(a.search_document)::text, ' ')::tsvector
                                                    from article a where a.ticket_id = t.id), ''::tsvector))
  from ticket t;

-- Partial words and addresses ("синхрониз", "petrov@") by trigram similarity. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists pg_trgm;
create index ticket_subject_trgm_idx on ticket using gin (lower(subject) gin_trgm_ops);
create index ticket_requester_trgm_idx on ticket using gin (lower(requester_email) gin_trgm_ops);
