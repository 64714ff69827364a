// Self-assessments (seed 000, issue 16): every entry an officer adds can be changed and removed through the pages.
// A change carries the version read (a stale one is a conflict); removal asks first (a confirmation page, then a
// POST with its CSRF token) and is audited; bad input is a 400 that says why; an entry of another assessment, or of
// another council, is a 404. A question goes with its sub-queries and their evidence, and the rest are lettered again;
// a step goes only while the board has not dealt with it. Drafts come as Word or PDF files, checked by their content,
// stored through the files capability and downloaded per version, with who added them; text-only versions stay.
// Submitting the assessment locks it, and the page says so. The new pages are valid HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, mainTextOf, okPage, redirectedTo } from '../pages.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DOCX = Buffer.from(
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
  }),
);
const ODT = Buffer.from(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') }));
const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidaterc.json', import.meta.url), 'utf8')) as ConfigData);

describe('Self-assessments: changing and removing entries, drafts as files, and the lock', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let a: string; // the assessment under test
  let b: string; // another assessment of the same council
  const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;
  const idOf = async (table: string, where: string, params: unknown[]) => (await one<{ id: string }>(`select id from ${table} where ${where}`, params)).id;
  const version = async (table: string, id: string) => String((await one<{ version: number }>(`select version from ${table} where id = $1`, [id])).version);
  const main = async (url: string) => mainTextOf(await okPage(officer, url));
  const create = async (title: string) => /assessments\/([0-9a-f-]{36})/.exec(redirectedTo(await officer.post('/assessments', { title }), /done=created/))![1]!;
  const date = (field: string, d: string, m: string, y: string) => ({ [`${field}-day`]: d, [`${field}-month`]: m, [`${field}-year`]: y });
  const valid = async (url: string, html: string) => {
    const report = await validator.validateString(html, url);
    const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
    assert.deepEqual(problems, [], url);
  };

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    a = await create('Area assessment under test');
    b = await create('Another assessment');
    for (const question of ['How are we doing?', 'What next?']) redirectedTo(await officer.post(`/assessments/${a}/questions`, { question }), /done=question/);
    const first = await idOf('assessment_questions', 'assessment_id = $1 and position = 1 and parent_id is null', [a]);
    redirectedTo(await officer.post(`/assessments/${a}/questions`, { question: 'On crime', parentId: first }), /done=question/);
    redirectedTo(await officer.post(`/assessments/${b}/questions`, { question: 'Their question' }), /done=question/);
  });
  after(async () => t?.close());

  it('changes a question: its text, who raised it and where it sits; bad input says why; a stale version is a conflict', async () => {
    const q1 = await idOf('assessment_questions', 'assessment_id = $1 and position = 1 and parent_id is null', [a]);
    const q2 = await idOf('assessment_questions', 'assessment_id = $1 and position = 2 and parent_id is null', [a]);
    const page = await okPage(officer, `/assessments/${a}`);
    assert.match(page, new RegExp(`href="/assessments/${a}/questions/${q1}/edit">Change<span class="govuk-visually-hidden"> question A</span>`));
    const form = await okPage(officer, `/assessments/${a}/questions/${q2}/edit`);
    await valid('question edit', form);
    assert.match(form, /What next\?<\/textarea>/);

    const empty = await officer.post(`/assessments/${a}/questions/${q2}/edit`, { question: ' ', version: await version('assessment_questions', q2) });
    assert.equal(empty.statusCode, 400);
    assert.match(errorSummaryOf(empty.body), /Enter the question/);
    // A question with sub-queries cannot go under another.
    const underQ2 = await officer.post(`/assessments/${a}/questions/${q1}/edit`, {
      question: 'How are we doing?',
      parentId: q2,
      version: await version('assessment_questions', q1),
    });
    assert.equal(underQ2.statusCode, 400);
    assert.match(errorSummaryOf(underQ2.body), /has sub-queries of its own/);
    assert.equal((await officer.post(`/assessments/${a}/questions/${q2}/edit`, { question: 'x', version: 'NaN' })).statusCode, 409);

    const done = redirectedTo(
      await officer.post(`/assessments/${a}/questions/${q2}/edit`, {
        question: 'What should we do next?',
        raisedBy: 'the inspectorate',
        parentId: q1,
        version: await version('assessment_questions', q2),
      }),
      /done=changed#questions/,
    );
    const text = await main(done.replace(/#.*/, ''));
    assert.match(text, /The change was saved/);
    assert.match(text, /A\. How are we doing\? .*A\(i\)\. On crime .*A\(ii\)\. What should we do next\? Raised by the inspectorate/);
    // And back out again: a question of its own, lettered B.
    redirectedTo(
      await officer.post(`/assessments/${a}/questions/${q2}/edit`, {
        question: 'What should we do next?',
        parentId: '',
        version: await version('assessment_questions', q2),
      }),
      /done=changed/,
    );
    assert.match(await main(`/assessments/${a}`), /A\(i\)\. On crime .*B\. What should we do next\?/);
  });

  it('an entry of another assessment, or of another council, is not found: 404 on every page and form', async () => {
    const theirs = await idOf('assessment_questions', 'assessment_id = $1', [b]);
    for (const url of [`/assessments/${a}/questions/${theirs}/edit`, `/assessments/${a}/questions/${theirs}/remove`]) {
      assert.equal((await officer.get(url)).statusCode, 404, url);
      assert.equal((await officer.post(url, { question: 'Taken over', version: '1' })).statusCode, 404, url);
    }
    const other = await t.db.transaction({ actor: 'test' }, async (tx) => {
      const [tenant] = await tx.query<{ id: string }>(`insert into tenants (slug, name) values ('assess-other', 'Another Council') returning id`);
      const [assessment] = await tx.query<{ id: string }>(`insert into assessments (tenant_id, title) values ($1, 'Theirs') returning id`, [tenant!.id]);
      const [question] = await tx.query<{ id: string }>(
        `insert into assessment_questions (tenant_id, assessment_id, position, text) values ($1, $2, 1, 'Their question') returning id`,
        [tenant!.id, assessment!.id],
      );
      return { assessment: assessment!.id, question: question!.id };
    });
    assert.equal((await officer.get(`/assessments/${other.assessment}`)).statusCode, 404);
    assert.equal((await officer.get(`/assessments/${other.assessment}/questions/${other.question}/edit`)).statusCode, 404);
    assert.equal((await officer.get(`/assessments/${a}/questions/${other.question}/edit`)).statusCode, 404);
    assert.equal((await officer.post(`/assessments/${a}/questions/${other.question}/remove`, { version: '1' })).statusCode, 404);
    assert.equal((await officer.get(`/assessments/${a}/questions/not-an-id/edit`)).statusCode, 404);
    for (const kind of ['editors', 'evidence', 'comments', 'steps']) {
      assert.equal((await officer.get(`/assessments/${a}/${kind}/${theirs}/edit`)).statusCode, 404, kind);
      assert.equal((await officer.post(`/assessments/${a}/${kind}/${theirs}/remove`, { version: '1' })).statusCode, 404, kind);
    }
    assert.equal((await t.db.query(`select 1 from assessment_questions where id = $1 and text = 'Taken over'`, [theirs])).length, 0);
  });

  it('changes and removes a member of the editing group and evidence, asking before removal, audited', async () => {
    const moir = await idOf('people', `name = 'Stephen Moir'`, []);
    redirectedTo(await officer.post(`/assessments/${a}/editors`, { personId: moir, role: 'Author' }), /done=editor/);
    const editor = await idOf('assessment_editors', 'assessment_id = $1 and deleted_at is null', [a]);
    const long = await officer.post(`/assessments/${a}/editors/${editor}/edit`, {
      role: 'x'.repeat(301),
      version: await version('assessment_editors', editor),
    });
    assert.equal(long.statusCode, 400);
    assert.match(errorSummaryOf(long.body), /Their role must be 300 characters or fewer/);
    redirectedTo(
      await officer.post(`/assessments/${a}/editors/${editor}/edit`, { role: 'Lead author', version: await version('assessment_editors', editor) }),
      /done=changed#editing-group/,
    );
    assert.match(await main(`/assessments/${a}`), /Stephen Moir.*\(Lead author\)/);
    const confirm = await okPage(officer, `/assessments/${a}/editors/${editor}/remove`);
    await valid('editor remove', confirm);
    assert.match(mainTextOf(confirm), /Are you sure you want to remove this member of the editing group\? .*Stephen Moir/);
    assert.match(confirm, /name="_csrf"/);
    // A GET never removes; the POST does, with the version the page showed.
    assert.equal((await one<{ n: number }>('select count(*)::int as n from assessment_editors where id = $1 and deleted_at is null', [editor])).n, 1);
    const removed = redirectedTo(
      await officer.post(`/assessments/${a}/editors/${editor}/remove`, { version: await version('assessment_editors', editor) }),
      /done=removed/,
    );
    const text = await main(removed.replace(/#.*/, ''));
    assert.match(text, /It was removed/);
    assert.doesNotMatch(text, /Lead author/);
    const audit = await one<{ before: { deleted_at: string | null }; after: { deleted_at: string | null } }>(
      `select before, after from audit_log where entity_type = 'assessment_editors' and entity_id = $1 order by id desc limit 1`,
      [editor],
    );
    assert.equal(audit.before.deleted_at, null);
    assert.ok(audit.after.deleted_at, 'the audit trail records the removal');
    // Removed once, it is gone: removing again is not found.
    assert.equal((await officer.post(`/assessments/${a}/editors/${editor}/remove`, { version: '2' })).statusCode, 404);

    // Evidence: moved to another question, its link changed; a link not in the list is refused.
    const q1 = await idOf('assessment_questions', 'assessment_id = $1 and position = 1 and parent_id is null', [a]);
    const sub = await idOf('assessment_questions', `assessment_id = $1 and text = 'On crime'`, [a]);
    const ni16 = await idOf('indicators', `code = 'NI 16'`, []);
    const ni32 = await idOf('indicators', `code = 'NI 32'`, []);
    redirectedTo(await officer.post(`/assessments/${a}/evidence`, { questionId: sub, note: 'Falling', link: `indicator:${ni16}` }), /done=evidence/);
    const evidence = await idOf('assessment_evidence', 'assessment_id = $1 and deleted_at is null', [a]);
    const form = await okPage(officer, `/assessments/${a}/evidence/${evidence}/edit`);
    await valid('evidence edit', form);
    assert.match(form, new RegExp(`<option value="indicator:${ni16}" selected>`));
    const bad = await officer.post(`/assessments/${a}/evidence/${evidence}/edit`, {
      questionId: 'nonsense',
      note: '',
      link: `indicator:${b}`,
      version: await version('assessment_evidence', evidence),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Select the question this is evidence for.*Select the record from the list/);
    redirectedTo(
      await officer.post(`/assessments/${a}/evidence/${evidence}/edit`, {
        questionId: q1,
        note: 'Repeat victims down',
        link: `indicator:${ni32}`,
        version: await version('assessment_evidence', evidence),
      }),
      /done=changed/,
    );
    assert.match(
      await main(`/assessments/${a}`),
      /A\. How are we doing\? .*Repeat victims down: Indicator NI 32 .*A\(i\)\. On crime Change question A\(i\) Remove question A\(i\) No evidence yet/,
    );
    assert.match(mainTextOf(await okPage(officer, `/assessments/${a}/evidence/${evidence}/remove`)), /Evidence for A: Repeat victims down/);
    redirectedTo(
      await officer.post(`/assessments/${a}/evidence/${evidence}/remove`, { version: await version('assessment_evidence', evidence) }),
      /done=removed/,
    );
    assert.doesNotMatch(await main(`/assessments/${a}`), /Repeat victims down/);
  });

  it('drafts come as Word or PDF files (checked by content), each version downloadable with who added it; text-only versions stay', async () => {
    const page = await okPage(officer, `/assessments/${a}`);
    assert.match(page, /<form method="post" action="\/assessments\/[0-9a-f-]+\/drafts" enctype="multipart\/form-data"/);
    assert.match(page, /<input class="govuk-file-upload" id="file" name="file" type="file"/);
    redirectedTo(
      await officer.post(`/assessments/${a}/drafts`, { ...date('draftedOn', '2', '11', '2026'), content: 'The first draft, as text' }),
      /done=draft/,
    );
    redirectedTo(
      await officer.postMultipart(
        `/assessments/${a}/drafts`,
        { ...date('draftedOn', '9', '11', '2026'), summary: 'After the editing group' },
        {
          field: 'file',
          filename: 'CAA self-assessment v2.pdf',
          data: PDF,
          type: 'text/plain',
        },
      ),
      /done=draft/,
    );
    redirectedTo(
      await officer.postMultipart(`/assessments/${a}/drafts`, date('draftedOn', '16', '11', '2026'), { field: 'file', filename: 'CAA v3.docx', data: DOCX }),
      /done=draft/,
    );
    const drafts = await t.db.query<{ id: string; number: number; fileId: string | null; addedBy: string }>(
      `select id, number, file_id as "fileId", added_by as "addedBy" from assessment_drafts where assessment_id = $1 order by number`,
      [a],
    );
    assert.deepEqual(
      drafts.map((d) => [d.number, !!d.fileId, d.addedBy]),
      [
        [1, false, 'Pat Officer'],
        [2, true, 'Pat Officer'],
        [3, true, 'Pat Officer'],
      ],
    );
    const html = await okPage(officer, `/assessments/${a}`);
    const text = mainTextOf(html);
    assert.match(
      text,
      /Version 3, 16 November 2026 Added by Pat Officer on \d+ \w+ \d{4} at \d+:\d\d[ap]m Download version 3: CAA v3\.docx \(Word, [\d.]+ ?\w+\)/,
    );
    assert.match(text, /Version 2, 9 November 2026 Added by Pat Officer on .* After the editing group Download version 2: CAA self-assessment v2\.pdf \(PDF, /);
    assert.match(text, /Version 1, 2 November 2026 .* Text of version 1/);
    const v2 = drafts[1]!.id;
    const pdf = await officer.get(`/assessments/${a}/drafts/${v2}/file`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf', 'the type comes from the content, not what the browser said');
    assert.match(String(pdf.headers['content-disposition']), /^inline; filename="CAA self-assessment v2.pdf"/);
    assert.deepEqual(pdf.rawPayload, PDF);
    const docx = await councillor.get(`/assessments/${a}/drafts/${drafts[2]!.id}/file`);
    assert.equal(docx.statusCode, 200, 'staff who read the assessment download its versions');
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="CAA v3.docx"/);
    // A version with no file, another assessment's version, or no one signed in: not found (or sign in).
    assert.equal((await officer.get(`/assessments/${a}/drafts/${drafts[0]!.id}/file`)).statusCode, 404);
    assert.equal((await officer.get(`/assessments/${b}/drafts/${v2}/file`)).statusCode, 404);
    assert.notEqual((await anonymousAgent(t.app).get(`/assessments/${a}/drafts/${v2}/file`)).statusCode, 200);

    // Files that are not a Word or PDF draft, or not what they say, are refused with the reason; nothing is saved.
    const files = (await one<{ n: number }>('select count(*)::int as n from files')).n;
    const refused: [string, Buffer, RegExp][] = [
      ['draft.pdf', Buffer.from('<script>alert(1)</script>'), /The draft is not a real PDF file/],
      ['draft.odt', ODT, /The draft must be a Word \(\.docx\) or PDF file/],
      ['draft.txt', Buffer.from('plain text'), /The draft must be a PDF, Word or OpenDocument text file/],
      ['empty.pdf', Buffer.alloc(0), /The draft is empty/],
    ];
    for (const [filename, data, message] of refused) {
      const res = await officer.postMultipart(`/assessments/${a}/drafts`, date('draftedOn', '20', '11', '2026'), { field: 'file', filename, data });
      assert.equal(res.statusCode, 400, filename);
      assert.match(errorSummaryOf(res.body), message, filename);
      assert.doesNotMatch(res.body, /<script>alert/);
    }
    const nothing = await officer.postMultipart(`/assessments/${a}/drafts`, date('draftedOn', '20', '11', '2026'));
    assert.match(errorSummaryOf(nothing.body), /Enter the text of the draft, or choose its Word or PDF file/);
    const badDate = await officer.postMultipart(`/assessments/${a}/drafts`, date('draftedOn', '31', '2', '2026'), {
      field: 'file',
      filename: 'v4.pdf',
      data: PDF,
    });
    assert.match(errorSummaryOf(badDate.body), /Date of the draft must be a real date.*Choose the file again/);
    assert.equal((await one<{ n: number }>('select count(*)::int as n from files')).n, files);
    assert.equal((await one<{ n: number }>('select count(*)::int as n from assessment_drafts where assessment_id = $1', [a])).n, 3);
  });

  it("changes and removes a board's comments on a version", async () => {
    const v1 = await idOf('assessment_drafts', 'assessment_id = $1 and number = 1', [a]);
    const v2 = await idOf('assessment_drafts', 'assessment_id = $1 and number = 2', [a]);
    redirectedTo(
      await officer.post(`/assessments/${a}/comments`, {
        draftId: v1,
        board: 'Scrutiny panel',
        ...date('saidOn', '25', '11', '2026'),
        comment: 'Say more about housing',
      }),
      /done=comment/,
    );
    const comment = await idOf('assessment_comments', `draft_id = $1 and deleted_at is null`, [v1]);
    const form = await okPage(officer, `/assessments/${a}/comments/${comment}/edit`);
    await valid('comment edit', form);
    const bad = await officer.post(`/assessments/${a}/comments/${comment}/edit`, {
      draftId: b,
      board: '',
      ...date('saidOn', '30', '2', '2026'),
      comment: '',
      version: await version('assessment_comments', comment),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(
      errorSummaryOf(bad.body),
      /Select the version the comments are on.*Enter what the board said.*Enter the board, or select its meeting.*Date of the comments must be a real date/,
    );
    // Moved to the file version, with the board's meeting: the board and date come from the meeting.
    const meeting = await one<{ id: string; date: string }>(
      `select m.id, to_char(m.meeting_date, 'YYYY-MM-DD') as date from meetings m join bodies b on b.id = m.body_id where b.name = 'Cambridgeshire Together Board' and m.meeting_date = '2009-07-23'`,
    );
    redirectedTo(
      await officer.post(`/assessments/${a}/comments/${comment}/edit`, {
        draftId: v2,
        meetingId: meeting.id,
        board: '',
        comment: 'Signed off subject to the housing section',
        version: await version('assessment_comments', comment),
      }),
      /done=changed#drafts/,
    );
    assert.match(
      await main(`/assessments/${a}`),
      /Version 2, .*Cambridgeshire Together Board ?, 23 July 2009: Signed off subject to the housing section.*Version 1, .*No comments recorded on this version/,
    );
    redirectedTo(
      await officer.post(`/assessments/${a}/comments/${comment}/remove`, { version: await version('assessment_comments', comment) }),
      /done=removed/,
    );
    assert.doesNotMatch(await main(`/assessments/${a}`), /Signed off subject to the housing section/);
  });

  it("changes a step's meeting and item; removes a step only while the board has not dealt with it", async () => {
    // Seed 000's boards: the Public Service Board on 14 July 2009, the Cambridgeshire Together Board on 23 July.
    const item = async (body: string, on: string) =>
      idOf(
        'agenda_items i',
        `i.meeting_id in (select m.id from meetings m join bodies b on b.id = m.body_id where b.name = $1 and m.meeting_date = $2) and i.deleted_at is null
         order by i.position limit 1`,
        [body, on],
      );
    const psb = await item('Cambridgeshire Public Service Board', '2009-07-14');
    const ct = await item('Cambridgeshire Together Board', '2009-07-23');
    redirectedTo(await officer.post(`/assessments/${a}/steps`, { purpose: 'Consider the draft', agendaItemId: psb, status: 'planned' }), /done=step/);
    redirectedTo(await officer.post(`/assessments/${a}/steps`, { purpose: 'Submit', board: 'The inspectorate', status: 'planned' }), /done=step/);
    const [first, second] = (
      await t.db.query<{ id: string }>('select id from assessment_steps where assessment_id = $1 and deleted_at is null order by position', [a])
    ).map((s) => s.id);
    const form = await okPage(officer, `/assessments/${a}/steps/${first}/edit`);
    await valid('step edit', form);
    const bad = await officer.post(`/assessments/${a}/steps/${first}/edit`, {
      purpose: '',
      agendaItemId: 'nonsense',
      version: await version('assessment_steps', first!),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Enter what the step is for.*Select the agenda item from the list/);
    redirectedTo(
      await officer.post(`/assessments/${a}/steps/${first}/edit`, {
        purpose: 'Sign off',
        agendaItemId: ct,
        version: await version('assessment_steps', first!),
      }),
      /done=changed#route/,
    );
    assert.match(await main(`/assessments/${a}`), /1\. Sign off .*Cambridgeshire Together Board 23 July 2009 10 July 2009 15 July 2009/);
    // Out of the meeting: who it is with and its own date.
    redirectedTo(
      await officer.post(`/assessments/${a}/steps/${second}/edit`, {
        purpose: 'Formal submission',
        agendaItemId: '',
        board: 'Audit Commission',
        ...date('stepDate', '1', '12', '2026'),
        version: await version('assessment_steps', second!),
      }),
      /done=changed/,
    );
    assert.match(await main(`/assessments/${a}`), /2\. Formal submission .*Audit Commission 1 December 2026/);

    // Signed off: it stays as the record of what the board did.
    redirectedTo(
      await officer.post(`/assessments/${a}/steps/${first}`, { status: 'signed_off', version: await version('assessment_steps', first!) }),
      /done=status/,
    );
    const html = await okPage(officer, `/assessments/${a}`);
    assert.doesNotMatch(html, new RegExp(`/steps/${first}/remove`));
    assert.match(html, new RegExp(`/steps/${second}/remove`));
    const refusal = await okPage(officer, `/assessments/${a}/steps/${first}/remove`);
    await valid('step remove refused', refusal);
    assert.match(mainTextOf(refusal), /This step is signed off, so it stays on the route/);
    assert.doesNotMatch(refusal, /govuk-button--warning/);
    const refused = await officer.post(`/assessments/${a}/steps/${first}/remove`, { version: await version('assessment_steps', first!) });
    assert.equal(refused.statusCode, 400);
    assert.match(errorSummaryOf(refused.body), /This step is signed off, so it stays on the route/);
    // Planned: it goes, after the confirmation.
    assert.match(
      mainTextOf(await okPage(officer, `/assessments/${a}/steps/${second}/remove`)),
      /Are you sure you want to remove this step\? Formal submission \(Audit Commission, 1 December 2026\)/,
    );
    redirectedTo(await officer.post(`/assessments/${a}/steps/${second}/remove`, { version: await version('assessment_steps', second!) }), /done=removed#route/);
    assert.doesNotMatch(await main(`/assessments/${a}`), /Formal submission/);
  });

  it('removes a question with its sub-queries and their evidence, saying so first; the rest are lettered again', async () => {
    const q1 = await idOf('assessment_questions', 'assessment_id = $1 and position = 1 and parent_id is null', [a]);
    const sub = await idOf('assessment_questions', `assessment_id = $1 and text = 'On crime'`, [a]);
    redirectedTo(await officer.post(`/assessments/${a}/evidence`, { questionId: q1, note: 'Annual review' }), /done=evidence/);
    redirectedTo(await officer.post(`/assessments/${a}/evidence`, { questionId: sub, note: 'Crime falling' }), /done=evidence/);
    const confirm = await okPage(officer, `/assessments/${a}/questions/${q1}/remove`);
    await valid('question remove', confirm);
    assert.match(
      mainTextOf(confirm),
      /A\. How are we doing\? .*This also removes its 1 sub-query and 2 pieces of evidence\. The questions after it are lettered again/,
    );
    assert.equal((await officer.post(`/assessments/${a}/questions/${q1}/remove`, { version: '999' })).statusCode, 409);
    redirectedTo(await officer.post(`/assessments/${a}/questions/${q1}/remove`, { version: await version('assessment_questions', q1) }), /done=removed/);
    const text = await main(`/assessments/${a}`);
    assert.match(text, /A\. What should we do next\?/);
    assert.doesNotMatch(text, /How are we doing|On crime|Annual review|Crime falling/);
    const left = await one<{ n: number }>(
      `select count(*)::int as n from assessment_evidence where assessment_id = $1 and deleted_at is null and question_id in ($2, $3)`,
      [a, q1, sub],
    );
    assert.equal(left.n, 0);
  });

  it('submitting locks the assessment and the page says so; reopening unlocks it', async () => {
    const q = await idOf('assessment_questions', 'assessment_id = $1 and deleted_at is null', [a]);
    redirectedTo(
      await officer.post(`/assessments/${a}/state`, {
        state: 'submitted',
        version: await version('assessments', a),
        ...date('submittedOn', '4', '12', '2026'),
      }),
      /done=state/,
    );
    const html = await okPage(officer, `/assessments/${a}`);
    await valid('locked assessment', html);
    const text = mainTextOf(html);
    assert.match(text, /This self-assessment was submitted on 4 December 2026, so it can no longer be changed/);
    assert.doesNotMatch(html, /\/edit"|\/remove"|Add a question|Add a step to the route|Add a new version/);
    assert.match(text, /Change whether the assessment is open, submitted or closed/);
    const locked = /This self-assessment was submitted on 4 December 2026, so it can no longer be changed/;
    for (const [url, body] of [
      [`/assessments/${a}/questions`, { question: 'Late question' }],
      [`/assessments/${a}/questions/${q}/edit`, { question: 'Changed late', version: await version('assessment_questions', q) }],
      [`/assessments/${a}/questions/${q}/remove`, { version: await version('assessment_questions', q) }],
      [`/assessments/${a}/drafts`, { ...date('draftedOn', '5', '12', '2026'), content: 'Too late' }],
    ] as const) {
      const res = await officer.post(url, body);
      assert.equal(res.statusCode, 400, url);
      assert.match(errorSummaryOf(res.body), locked, url);
    }
    const multipart = await officer.postMultipart(`/assessments/${a}/drafts`, date('draftedOn', '5', '12', '2026'), {
      field: 'file',
      filename: 'late.pdf',
      data: PDF,
    });
    assert.equal(multipart.statusCode, 400);
    const editPage = await okPage(officer, `/assessments/${a}/questions/${q}/edit`);
    assert.match(mainTextOf(editPage), locked);
    assert.doesNotMatch(editPage, /Save the change/);
    assert.equal((await one<{ n: number }>(`select count(*)::int as n from assessment_questions where assessment_id = $1 and text like '%late%'`, [a])).n, 0);

    redirectedTo(await officer.post(`/assessments/${a}/state`, { state: 'open', version: await version('assessments', a) }), /done=state/);
    redirectedTo(
      await officer.post(`/assessments/${a}/questions/${q}/edit`, { question: 'Reopened and changed', version: await version('assessment_questions', q) }),
      /done=changed/,
    );
    assert.match(await main(`/assessments/${a}`), /A\. Reopened and changed/);
  });

  it('councillors read but change nothing; the public get nothing', async () => {
    const q = await idOf('assessment_questions', 'assessment_id = $1 and deleted_at is null', [a]);
    const anonymous = anonymousAgent(t.app);
    for (const url of [`/assessments/${a}/questions/${q}/edit`, `/assessments/${a}/questions/${q}/remove`]) {
      assert.equal((await councillor.get(url)).statusCode, 403, url);
      assert.equal((await councillor.post(url, { question: 'x', version: '1' })).statusCode, 403, url);
      assert.notEqual((await anonymous.get(url)).statusCode, 200, url);
    }
    assert.doesNotMatch(await okPage(councillor, `/assessments/${a}`), /\/edit"|\/remove"/);
  });
  it('garbage in every field of every change and removal form is never a 500 and never echoed as markup', async () => {
    const admin = await signIn(t.app, 'administrator');
    const c = await create('Garbage target');
    redirectedTo(await officer.post(`/assessments/${c}/questions`, { question: 'Q' }), /done=question/);
    const q = await idOf('assessment_questions', 'assessment_id = $1', [c]);
    redirectedTo(await officer.post(`/assessments/${c}/editors`, { personId: await idOf('people', `name = 'Adrian Smith'`, []) }), /done=editor/);
    redirectedTo(await officer.post(`/assessments/${c}/evidence`, { questionId: q, note: 'E' }), /done=evidence/);
    redirectedTo(await officer.post(`/assessments/${c}/drafts`, { ...date('draftedOn', '1', '1', '2026'), content: 'D' }), /done=draft/);
    const draft = await idOf('assessment_drafts', 'assessment_id = $1', [c]);
    redirectedTo(
      await officer.post(`/assessments/${c}/comments`, { draftId: draft, board: 'B', ...date('saidOn', '2', '1', '2026'), comment: 'C' }),
      /done=comment/,
    );
    redirectedTo(await officer.post(`/assessments/${c}/steps`, { purpose: 'S', board: 'B' }), /done=step/);
    const ids: Record<string, string> = {
      questions: q,
      editors: await idOf('assessment_editors', 'assessment_id = $1', [c]),
      evidence: await idOf('assessment_evidence', 'assessment_id = $1', [c]),
      comments: await idOf('assessment_comments', 'draft_id = $1', [draft]),
      steps: await idOf('assessment_steps', 'assessment_id = $1', [c]),
    };
    const fields = [
      'question',
      'parentId',
      'raisedBy',
      'role',
      'questionId',
      'note',
      'link',
      'draftId',
      'meetingId',
      'board',
      'comment',
      'purpose',
      'agendaItemId',
    ];
    const fill = (v: string) => ({
      ...Object.fromEntries(fields.map((f) => [f, v])),
      ...Object.fromEntries(['saidOn', 'stepDate'].flatMap((d) => ['day', 'month', 'year'].map((p) => [`${d}-${p}`, v]))),
    });
    const bodies: Record<string, string | string[]>[] = [
      { version: 'x' },
      { ...fill('<script>alert(1)</script>'), version: '1' },
      { ...fill('99999999999999999999999'), version: '99999999999999999999999' },
      { ...fill(''), version: '-1' },
      { ...fill('x'), link: 'indicator:not-a-uuid', version: ['1', '2'] },
    ];
    for (const [path, id] of Object.entries(ids)) {
      for (const action of ['edit', 'remove']) {
        const url = `/assessments/${c}/${path}/${id}/${action}`;
        for (const body of bodies) {
          const res = await admin.post(url, body);
          assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
          assert.doesNotMatch(res.body, /<script>alert/, url);
        }
      }
    }
  });
});
