// E-mail alerts' pure parts (issue 17): tokens that prove one alert for one purpose, and the e-mails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertIdOf, alertToken, confirmationMail, digestMail, isNewSince } from '../../src/follow/alert-mail.ts';

const SECRET = 'test-secret';
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

describe('alert tokens', () => {
  it('prove the alert for their own purpose only', () => {
    const token = alertToken(SECRET, 'unsubscribe', ID);
    assert.equal(alertIdOf(SECRET, 'unsubscribe', token), ID);
    assert.equal(alertIdOf(SECRET, 'confirm', token), null, 'not another purpose');
    assert.equal(alertIdOf('another-secret', 'unsubscribe', token), null, 'not under another secret');
    assert.equal(alertIdOf(SECRET, 'unsubscribe', token.replace(ID, '2b4e28ba-2fa1-41d2-883f-0016d3cca427')), null, 'not for another alert');
  });
  it('refuse garbled tokens without throwing', () => {
    for (const bad of ['', 'garbled', `${ID}.`, `${ID}.x.y`, `nope.${'a'.repeat(32)}`, 'x'.repeat(500), 42, null, undefined, ['a']]) {
      assert.equal(alertIdOf(SECRET, 'manage', bad), null, String(bad));
    }
  });
});

describe('alert e-mails', () => {
  it('asks for confirmation, saying what is followed', () => {
    const m = confirmationMail({
      council: 'Cambridgeshire County Council',
      description: 'Decisions about ‘verges’',
      listUrl: 'https://hub.example/decisions?q=verges',
      confirmUrl: 'https://hub.example/alerts/confirm?token=t',
    });
    assert.equal(m.subject, 'Confirm your e-mail alert: Decisions about ‘verges’');
    assert.match(m.text, /https:\/\/hub\.example\/alerts\/confirm\?token=t/);
    assert.equal(m.headers, undefined);
  });
  it('lists what is new with links and carries RFC 8058 one-click headers', () => {
    const m = digestMail({
      council: 'Cambridgeshire County Council',
      description: 'Decisions of Communities and Partnership Committee',
      listUrl: 'https://hub.example/decisions?committee=c',
      items: [
        {
          title: 'Minute 56, Committee Agenda Plan and Appointments',
          summary: 'To appoint Councillor Janet French as the Fenland Area Champion.',
          url: 'https://hub.example/calendar/m/minutes#minute-56',
        },
      ],
      manageUrl: 'https://hub.example/alerts/manage?token=m',
      unsubscribeUrl: 'https://hub.example/alerts/unsubscribe?token=u',
    });
    assert.equal(m.subject, '1 new or changed: Decisions of Communities and Partnership Committee');
    assert.match(
      m.text,
      /- Minute 56, Committee Agenda Plan and Appointments\n {2}To appoint Councillor Janet French as the Fenland Area Champion\.\n {2}https:\/\/hub\.example\/calendar\/m\/minutes#minute-56/,
    );
    assert.match(m.text, /Manage your alerts: https:\/\/hub\.example\/alerts\/manage\?token=m/);
    assert.deepEqual(m.headers, {
      'List-Unsubscribe': '<https://hub.example/alerts/unsubscribe?token=u>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
  it('counts only what changed after the last digest as new', () => {
    const last = new Date('2018-05-31T12:00:00Z');
    assert.equal(isNewSince(new Date('2018-05-31T12:00:01Z'), last), true);
    assert.equal(isNewSince(last, last), false);
  });
});
