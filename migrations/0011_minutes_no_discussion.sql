-- A minute the clerk has confirmed had no discussion to record: the published minutes say "No discussion
-- recorded." for it, rather than leaving it blank. Publishing refuses a minute with no discussion and no
-- resolution unless it is marked so.
alter table minutes add column no_discussion boolean not null default false;
