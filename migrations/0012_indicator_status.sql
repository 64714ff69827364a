-- Whether an indicator's values are still collected. A live indicator's values fall due, period by
-- period, and its owner is reminded; a retired one is kept with its history and its scorecard rows
-- but is never due. Existing indicators stay live: only the council can say whether a measure is
-- still collected, and a value years old is not proof that it is not.
alter table indicators add column status text not null default 'live' check (status in ('live', 'retired'));
