// The pure parts of frozen report versions (issue 16): the pack's signature of a frozen paper is its version
// (not its content), and the partnerships a quarterly update is attached with are read from the form strictly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionFingerprint } from '../../src/documents/report-versions.repository.ts';
import { chosenPartnerships } from '../../src/reports/report-versions.service.ts';

describe('frozen report versions', () => {
  it('signs a frozen paper by its version, so the pack is rebuilt only when a new version is published', () => {
    const v1 = { id: '6f1c2e1a-0000-4000-8000-000000000001', number: 1 };
    assert.equal(versionFingerprint('finance-report', v1), `finance-report:${v1.id}:1`);
    assert.notEqual(versionFingerprint('finance-report', v1), versionFingerprint('finance-report', { ...v1, number: 2 }));
    assert.notEqual(versionFingerprint('finance-report', v1), versionFingerprint('quarterly-update', v1));
  });

  it('reads the chosen partnerships from one or many ids, dropping anything that is not an id', () => {
    const a = '6F1C2E1A-0000-4000-8000-000000000001';
    assert.deepEqual(chosenPartnerships(a), [a.toLowerCase()]);
    assert.deepEqual(chosenPartnerships([a, 'nonsense', 7]), [a.toLowerCase()]);
    assert.equal(chosenPartnerships(undefined), null);
    assert.equal(chosenPartnerships(['nonsense']), null, 'nothing valid: the quarter’s default selection');
  });
});
