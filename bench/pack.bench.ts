// Agenda pack assembly: 12 papers totalling 150 pages (committee reports of varied length from
// the report template, plus pdf-lib-made papers such as appendices and a landscape table).
// Times (a) assemblePack on them and (b) a plain pdf-lib merge of the same 12 PDFs (load each,
// copyPages into a new document, save), each warmed up once and then run RUNS times, alternately;
// prints the medians and the ratio pack/merge. Targets: pack under 3 s, ratio at most 2.
// Run: npx tsx bench/pack.bench.ts  (BENCH_RUNS=15 by default)
import { PDFDocument, ParseSpeeds, StandardFonts, degrees, rgb } from 'pdf-lib';
import { assemblePack, type PackInput, type PackItem } from '../src/meetings/pack/agenda-pack.ts';
import { layoutReport, renderReportPdf } from '../src/meetings/pack/report-pdf.ts';
import { emptyReport, type ReportContent, type ReportSetting } from '../src/meetings/report-template.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TOTAL_PAGES = 150;
const setting = (n: number): ReportSetting => ({ bodyName: 'Communities and Partnership Committee', meetingDate: '2018-05-31', itemNumber: n });

const SENTENCES = [
  'The formation of the Communities and Partnership Committee in July 2017 has enabled a greater focus to be applied to the importance of effective, meaningful partnership working.',
  'Officers from Districts, Cambridge and Peterborough City and Cambridgeshire County Councils are starting to build on those early conversations.',
  'Of the £390k allocated to date, 70% of the project proposals focus on supporting adult services and 30% on children and families.',
  'It is suggested that the new Strategy is prepared as a high-level and cross-cutting strategic document from which more detailed plans can be developed.',
  'The Council’s increased focus on community resilience and capacity building – a key priority – means it is well placed to access support.',
];

function report(title: string, backgroundParagraphs: number): ReportContent {
  const r = emptyReport(title);
  r.from = 'Adrian Chapman, Service Director - Communities and Safety';
  r.forwardPlanRef = backgroundParagraphs % 2 ? '2018/041' : '';
  r.keyDecision = backgroundParagraphs % 3 === 0;
  r.purpose = 'To establish and agree the principles of community resilience to inform the development of a new strategy.';
  r.recommendations = [
    'To note and comment on the progress made.',
    'To agree the principles set out in section 2.',
    'To delegate the final wording to the Service Director.',
  ];
  r.officerContacts = [
    { name: 'Adrian Chapman', post: 'Service Director - Communities and Safety', email: 'adrian.chapman@cambridgeshire.gov.uk', phone: '01733 863887' },
  ];
  r.memberContacts = [{ name: 'Cllr Steve Criswell', post: 'Chairman', email: 'steve.criswell@cambridgeshire.gov.uk', phone: '01223 706385' }];
  r.background = Array.from({ length: backgroundParagraphs }, (_, i) => {
    const text = [0, 1, 2].map((k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
    return i % 4 === 3
      ? `${text}\n- Creation of a new Timebank, driving social change at a local level.\n- Aligning actions and resources with those happening elsewhere.`
      : text;
  });
  r.mainIssues = [SENTENCES[0]!, SENTENCES[3]!, `${SENTENCES[1]}\n\n${SENTENCES[4]}`];
  r.alignment = [SENTENCES[2]!, '', SENTENCES[3]!];
  r.implications.equality = SENTENCES[4]!;
  for (const key of Object.keys(r.clearances) as (keyof ReportContent['clearances'])[])
    r.clearances[key] = { status: 'cleared', officer: 'Tom Kelly', note: '' };
  r.sourceDocuments = [{ title: 'Delivery Plan, 17 April 2018', location: 'Shire Hall, Cambridge' }];
  return r;
}

/** A report of exactly `pages` pages (if the layout allows), found by measuring layouts. */
function reportWithPages(title: string, number: number, pages: number): ReportContent {
  let lo = 0,
    hi = pages * 12;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (layoutReport(report(title, mid), setting(number)).pageCount >= pages) hi = mid;
    else lo = mid + 1;
  }
  return report(title, lo);
}

/** A paper made with pdf-lib alone: dense text pages, with one landscape page turned by /Rotate. */
async function appendix(title: string, pages: number, landscape: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 0; p < pages; p++) {
    const turned = landscape && p === pages - 1;
    const page = doc.addPage(turned ? [595.28, 841.89] : [595.28, 841.89]);
    if (turned) page.setRotation(degrees(90));
    page.drawText(`${title} - page ${p + 1}`, { x: 56, y: 780, size: 14, font: bold });
    for (let l = 0; l < 44; l++) {
      page.drawText(SENTENCES[(p + l) % SENTENCES.length]!.replace(/[’–£]/g, "'").slice(0, 95), { x: 56, y: 750 - l * 15, size: 9, font });
    }
    page.drawRectangle({ x: 50, y: 60, width: 495, height: 720, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
  }
  return doc.save();
}

async function buildPapers(): Promise<PackItem[]> {
  const reportPages = [3, 5, 9, 14, 20, 4, 7, 11, 6];
  const items: PackItem[] = [];
  let total = 0;
  for (const [i, pages] of reportPages.entries()) {
    const number = i + 3;
    const title = `Report ${number}: community resilience, partnership working and the delivery plan`;
    const pdf = await renderReportPdf(reportWithPages(title, number, pages), setting(number));
    total += (await PDFDocument.load(pdf)).getPageCount();
    items.push({ number, section: i === 0 ? null : 'DECISIONS', title, description: '', exemptNotice: null, paper: { title, pdf }, separateDownload: null });
  }
  const rest = TOTAL_PAGES - total;
  const split = [Math.floor(rest / 2), Math.floor(rest / 3)];
  split.push(rest - split[0]! - split[1]!);
  for (const [k, pages] of split.entries()) {
    const number = 12 + k;
    const title = `Appendix ${k + 1}: Finance and Performance Report`;
    items.push({
      number,
      section: 'INFORMATION',
      title,
      description: '',
      exemptNotice: null,
      paper: { title, pdf: await appendix(title, pages, k === 2) },
      separateDownload: null,
    });
  }
  return items;
}

async function merge(pdfs: Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of pdfs) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  return out.save({ objectsPerTick: Infinity });
}

/**
 * Median wall time of each function over RUNS runs after one warm-up each. The two are run
 * alternately, so both see the same machine conditions (other processes, GC, CPU frequency).
 */
async function timeAlternately(fns: (() => Promise<unknown>)[]): Promise<number[]> {
  for (const fn of fns) await fn(); // warm-up
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      times[k]!.push(performance.now() - t0);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

const t0 = performance.now();
const papers = await buildPapers();
const pdfs = papers.map((p) => p.paper!.pdf);
const pageCounts = await Promise.all(pdfs.map(async (b) => (await PDFDocument.load(b)).getPageCount()));
console.log(
  `Papers: ${pdfs.length}, ${pageCounts.reduce((a, b) => a + b, 0)} pages (${pageCounts.join(', ')}), ` +
    `${(pdfs.reduce((a, b) => a + b.length, 0) / 1024).toFixed(0)} KiB; built in ${(performance.now() - t0).toFixed(0)} ms`,
);

const input: PackInput = {
  council: 'Cambridgeshire County Council',
  bodyName: 'Communities and Partnership Committee',
  meetingDate: '2018-05-31',
  startTime: '14:00',
  venue: 'Room 128, Shire Hall, Castle Hill, Cambridge, CB3 0AP',
  heading: 'AGENDA',
  openToPublic: true,
  membership: [
    'Councillor Steve Criswell (Chairman)',
    'Councillor Kevin Cuffley (Vice-Chairman)',
    'Councillor Adela Costello',
    'Councillor Lorna Dupre',
    'Councillor Lis Every',
    'Councillor Janet French',
    'Councillor Lina Joseph',
    'Councillor Ian Manning',
    'Councillor Claire Richards',
    'Councillor Tom Sanderson',
  ],
  clerk: { name: 'Rob Sanderson', phone: '01223 699181', email: 'rob.sanderson@cambridgeshire.gov.uk' },
  notes: [
    'Public speaking on the agenda items above is encouraged. Speakers must register their intention to speak by contacting the Democratic Services Officer no later than 12.00 noon three working days before the meeting.',
  ],
  items: [
    {
      number: 1,
      section: null,
      title: 'Apologies for absence and declarations of interest',
      description: '',
      exemptNotice: null,
      paper: null,
      separateDownload: null,
    },
    { number: 2, section: null, title: 'Petitions and Public Questions', description: '', exemptNotice: null, paper: null, separateDownload: null },
    ...papers,
    { number: 15, section: 'INFORMATION', title: 'Area Champions Oral Updates', description: '', exemptNotice: null, paper: null, separateDownload: null },
  ],
};

const sample = await assemblePack(input);
const [packMs, mergeMs] = (await timeAlternately([() => assemblePack(input), () => merge(pdfs)])) as [number, number];
const ratio = packMs / mergeMs;
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
console.log(
  `Pack: ${sample.pageCount} pages (front sheet ${sample.frontSheetPages}), ${(sample.bytes.length / 1024).toFixed(0)} KiB; median of ${RUNS} runs after one warm-up`,
);
console.log(`assemblePack   ${packMs.toFixed(0).padStart(6)} ms   target under 3 s      ${mark(packMs < 3000)}`);
console.log(`pdf-lib merge  ${mergeMs.toFixed(0).padStart(6)} ms   (same load and save options as the pack)`);
console.log(`ratio          ${ratio.toFixed(2).padStart(6)}      target at most 2      ${mark(ratio <= 2)}`);
process.exitCode = packMs < 3000 && ratio <= 2 ? 0 : 1;
