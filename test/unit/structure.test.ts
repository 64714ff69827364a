import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStructures, countNodes, structureAt, type ReportingLine, type StructurePartnership } from '../../src/partnerships/structure.ts';

const p = (id: string, events: StructurePartnership['events'], name = id): StructurePartnership => ({
  id,
  name,
  kind: 'non_statutory_partnership',
  subgroupType: null,
  events,
});

// A miniature of seeds 001 and 002: Cambridgeshire Together with a thematic partnership under it,
// decommissioned in November 2010; the LEP formed September 2010 with sub-groups from September 2011.
const partnerships = [
  p(
    'ct',
    [
      { kind: 'established', eventDate: '2006-05-01' },
      { kind: 'decommissioned', eventDate: '2010-11-23' },
    ],
    'Cambridgeshire Together',
  ),
  p(
    'cssp',
    [
      { kind: 'established', eventDate: '2007-12-01' },
      { kind: 'decommissioned', eventDate: '2011-05-01' },
    ],
    'Community Safety Strategic Partnership',
  ),
  p('csp', [{ kind: 'established', eventDate: '1998-01-01' }], 'Cambridge Community Safety Partnership'),
  p('lep', [{ kind: 'established', eventDate: '2010-09-01' }], 'Greater Cambridge Greater Peterborough LEP'),
  p('clean', [{ kind: 'established', eventDate: '2011-09-15' }], 'Cleantech'),
  p(
    'trust',
    [
      { kind: 'established', eventDate: '2006-01-01' },
      { kind: 'renamed', eventDate: '2010-01-01', previousName: "Children and Young People's Strategic Partnership" },
    ],
    "Children's Trust",
  ),
];
const lines: ReportingLine[] = [
  { partnershipId: 'cssp', parentId: 'ct', startDate: null, endDate: '2010-11-23' },
  { partnershipId: 'csp', parentId: 'cssp', startDate: null, endDate: '2011-05-01' },
  { partnershipId: 'clean', parentId: 'lep', startDate: '2011-09-15', endDate: null },
  { partnershipId: 'trust', parentId: 'ct', startDate: null, endDate: '2010-11-23' },
];

describe('structureAt', () => {
  it('shows the 2009 landscape of seed 001 as a tree under Cambridgeshire Together, with names of the day', () => {
    const roots = structureAt(partnerships, lines, '2009-07-01');
    assert.deepEqual(
      roots.map((r) => r.name),
      ['Cambridgeshire Together'],
    );
    const ct = roots[0]!;
    assert.deepEqual(
      ct.children.map((c) => c.name),
      ["Children and Young People's Strategic Partnership", 'Community Safety Strategic Partnership'],
    );
    assert.deepEqual(
      ct.children[1]!.children.map((c) => c.name),
      ['Cambridge Community Safety Partnership'],
    );
    assert.equal(countNodes(roots), 4);
  });
  it('shows the 2011 landscape of seed 002: the LEP and its sub-group, the CSP standing alone', () => {
    const roots = structureAt(partnerships, lines, '2011-10-01');
    assert.deepEqual(
      roots.map((r) => r.name),
      ['Cambridge Community Safety Partnership', "Children's Trust", 'Greater Cambridge Greater Peterborough LEP'],
    );
    assert.deepEqual(
      roots[2]!.children.map((c) => c.name),
      ['Cleantech'],
    );
  });
  it('puts a sub-group at the top level when its parent has ended but the line says otherwise', () => {
    const open: ReportingLine[] = [{ partnershipId: 'csp', parentId: 'cssp', startDate: null, endDate: null }];
    const roots = structureAt(partnerships, open, '2012-01-01');
    assert.ok(roots.some((r) => r.id === 'csp'));
  });
  it('survives a cycle in the reporting lines without losing either partnership', () => {
    const cyclic: ReportingLine[] = [
      { partnershipId: 'lep', parentId: 'csp', startDate: null, endDate: null },
      { partnershipId: 'csp', parentId: 'lep', startDate: null, endDate: null },
    ];
    const roots = structureAt(partnerships, cyclic, '2012-01-01');
    assert.equal(countNodes(roots), 4);
  });
});

describe('compareStructures', () => {
  it('says what was set up, what closed and what moved between 1 July 2009 and 1 October 2011', () => {
    const before = structureAt(partnerships, lines, '2009-07-01');
    const after = structureAt(partnerships, lines, '2011-10-01');
    const diff = compareStructures(before, after);
    assert.deepEqual(diff.removed.sort(), ['cssp', 'ct']);
    assert.deepEqual(diff.added.sort(), ['clean', 'lep']);
    assert.deepEqual(diff.moved.sort(), ['csp', 'trust']);
    assert.deepEqual(diff.continuing.sort(), ['csp', 'trust']);
  });
});
