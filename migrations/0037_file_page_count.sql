-- The number of pages of a stored file (issue 17: "Attachment links say type, size and pages, as GOV.UK does").
-- Counted when the file is stored (src/files/page-count.ts: a PDF's page tree; a Word file's docProps/app.xml
-- <Pages>; an OpenDocument text's meta:page-count). Null: not counted yet (files stored before this migration:
-- the hourly run counts them, a few at a time, src/files/page-backfill.ts); 0: counted, but the file does not
-- say (a Word file saved without statistics, a damaged PDF), so links show its type and size only.
alter table files add column page_count integer check (page_count >= 0);
