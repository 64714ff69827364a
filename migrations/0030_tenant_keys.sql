-- Keys ready for distribution by tenant_id (issue 19). A tenant table is a table in public with a tenant_id
-- column; rows of one council never point at rows of another, and a distributed PostgreSQL (Citus) can
-- place each council's rows together only if every key carries the distribution column. So, for every
-- tenant table:
--   * the primary key is (<its old columns>, tenant_id), e.g. (id, tenant_id);
--   * every unique constraint and unique index ends with tenant_id (partial and expression indexes keep
--     their WHERE clause and expressions);
--   tenant_id goes last so that every lookup the old key served (where id = $1, a join on id, a token by
--   its hash, the public_* functions) is still served by it; under Citus the order does not matter, only
--   that the distribution column is in the key. Foreign keys name their columns in either order.
--   * every foreign key to another tenant table is (tenant_id, x_id) references t (tenant_id, id), with the
--     same ON DELETE/ON UPDATE actions, match type and deferrability; ON DELETE SET NULL/SET DEFAULT
--     name their column (SET NULL (x_id)) so that tenant_id is never nulled.
-- Foreign keys to tenants (id) stay as they are: tenants is the reference table every node holds.
-- Tables without tenant_id (tenants, schema_migrations, instance_secrets, rate_limits) are not touched;
-- test/integration/tenant-keys.test.ts reads the catalogue and names any table that breaks the rule,
-- with the allow-list and its reasons.
--
-- Written against the catalogue rather than table by table, so it holds for every table the earlier
-- migrations made. Keys are replaced, not duplicated: each old constraint or index is dropped and its
-- successor keeps its name. It changes nothing when run on a schema that already follows the rule.
-- Adding the new foreign keys checks the existing rows: a row pointing at another council's row stops
-- the migration (and start-up) with PostgreSQL's message naming the constraint, rather than being kept.
do $$
declare
  r record;
  fks text[] := '{}';
  def text;
  pos integer;
  depth integer;
begin
  -- 1. Foreign keys from a tenant table to a tenant table that do not carry tenant_id: remember their
  --    new definitions, then drop them (they depend on the primary keys being replaced).
  for r in
    select con.oid, con.conname, con.conrelid::regclass as tbl, con.confupdtype, con.confdeltype, pg_get_constraintdef(con.oid) as def,
      (select string_agg(quote_ident(a.attname), ', ' order by k.ord) from unnest(con.conkey) with ordinality k (attnum, ord)
         join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as fkcols
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_attribute ta on ta.attrelid = con.conrelid and ta.attname = 'tenant_id' and not ta.attisdropped
    join pg_attribute tr on tr.attrelid = con.confrelid and tr.attname = 'tenant_id' and not tr.attisdropped
    where c.relnamespace = 'public'::regnamespace and con.contype = 'f' and not (ta.attnum = any (con.conkey))
    order by c.relname, con.conname
  loop
    if r.confupdtype in ('n', 'd') then
      raise exception 'Foreign key % on % sets its columns on update; it cannot carry tenant_id', r.conname, r.tbl;
    end if;
    def := regexp_replace(r.def, '^FOREIGN KEY \(', 'FOREIGN KEY (tenant_id, ');
    def := regexp_replace(def, ' REFERENCES ([^(]+)\(', ' REFERENCES \1(tenant_id, ');
    -- ON DELETE SET NULL / SET DEFAULT without a column list would set tenant_id too: name the columns.
    if r.confdeltype in ('n', 'd') then
      def := regexp_replace(def, 'ON DELETE SET (NULL|DEFAULT)(?! \()', 'ON DELETE SET \1 (' || r.fkcols || ')');
    end if;
    fks := fks || format('alter table %s add constraint %I %s', r.tbl, r.conname, def);
    execute format('alter table %s drop constraint %I', r.tbl, r.conname);
  end loop;

  -- 2. Primary keys and unique constraints of tenant tables without tenant_id: the same key, then tenant_id.
  for r in
    select con.conname, con.conrelid::regclass as tbl, pg_get_constraintdef(con.oid) as def
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_attribute ta on ta.attrelid = con.conrelid and ta.attname = 'tenant_id' and not ta.attisdropped
    where c.relnamespace = 'public'::regnamespace and con.contype in ('p', 'u') and not (ta.attnum = any (con.conkey))
    order by c.relname, con.contype, con.conname
  loop
    def := regexp_replace(r.def, '^(PRIMARY KEY|UNIQUE NULLS NOT DISTINCT|UNIQUE) \(([^)]*)\)', '\1 (\2, tenant_id)');
    execute format('alter table %s drop constraint %I, add constraint %I %s', r.tbl, r.conname, r.conname, def);
  end loop;

  -- 3. Unique indexes (not behind a constraint) of tenant tables without tenant_id among their columns.
  for r in
    select i.indexrelid::regclass as idx, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_attribute ta on ta.attrelid = i.indrelid and ta.attname = 'tenant_id' and not ta.attisdropped
    where c.relnamespace = 'public'::regnamespace and i.indisunique
      and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u', 'x'))
      and not (ta.attnum = any (i.indkey::int2[]))
    order by c.relname, i.indexrelid::regclass::text
  loop
    -- After the last key column: find the parenthesis that closes the column list (expressions have their own).
    pos := position(' USING ' in r.def);
    pos := pos + position('(' in substr(r.def, pos + 1));
    depth := 0;
    loop
      if substr(r.def, pos, 1) = '(' then
        depth := depth + 1;
      elsif substr(r.def, pos, 1) = ')' then
        depth := depth - 1;
        exit when depth = 0;
      end if;
      pos := pos + 1;
    end loop;
    def := substr(r.def, 1, pos - 1) || ', tenant_id' || substr(r.def, pos);
    execute format('drop index %s', r.idx);
    execute def;
  end loop;

  -- 4. The foreign keys again, now with tenant_id on both sides.
  foreach def in array fks loop
    execute def;
  end loop;
end $$;
