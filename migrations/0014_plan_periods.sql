-- Plans have a period and can be closed (issue 18, item 6). Until now a 2018–2020 plan was judged
-- against today for ever: every action red and overdue years after the plan had finished.
-- starts_on and ends_on are the period the plan covers (period_label stays as printed, "2018–2020").
-- closed_on is the date staff closed it: its actions' RAG is judged as at that date, and nothing in a
-- closed plan is overdue. closing_note says why, such as "Superseded by the 2020–2022 plan".
alter table plans
  add column starts_on date,
  add column ends_on date,
  add column closed_on date,
  add column closing_note text not null default '',
  add constraint plans_period_order check (starts_on is null or ends_on is null or ends_on >= starts_on),
  add constraint plans_closed_in_period check (closed_on is null or starts_on is null or closed_on >= starts_on),
  add constraint plans_note_when_closed check (closed_on is not null or closing_note = '');
