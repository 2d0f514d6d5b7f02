import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutboxState } from '../../../shared/formats/sending';
import { addConsoleWords } from '../i18n/console-words';
import { translate } from '../../ui/i18n/translate';
import { outboxView, pollDelayMs, sameOutbox, uploadPercent, waitingDetail } from './outbox-view';

// Issue 10 §1 — the outbox's state (issue 9 §2) in plain French, and the upload's progress.
addConsoleWords();

const BASE: OutboxState = {
  sessionId: 1, state: 'notRequested', attempts: 0, requestedAt: null, nextTryAt: null, lastAttemptAt: null,
  lastErrorCode: null, lastErrorMessage: null, progress: null,
};
const say = (s: { key: Parameters<typeof translate>[1]; params?: Record<string, string | number | Date> } | null) => (s ? translate('fr', s.key, s.params) : null);

describe('uploadPercent', () => {
  it('is a whole percent between 0 and 100, growing with the bytes sent, 100 only when all are sent', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), (total, a, b) => {
      const [lo, hi] = [Math.min(a, b, total), Math.min(Math.max(a, b), total)];
      const p = uploadPercent({ sentBytes: lo, totalBytes: total })!;
      const q = uploadPercent({ sentBytes: hi, totalBytes: total })!;
      expect(Number.isInteger(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(q).toBeLessThanOrEqual(100);
      expect(p).toBeLessThanOrEqual(q);
      expect(uploadPercent({ sentBytes: total, totalBytes: total })).toBe(100);
      if (lo < total) expect(p).toBeLessThan(100);
    }));
  });
  it('never goes beyond the bounds with odd numbers (more sent than the total, a zero total, nothing)', () => {
    expect(uploadPercent({ sentBytes: 120, totalBytes: 100 })).toBe(100);
    expect(uploadPercent({ sentBytes: -5, totalBytes: 100 })).toBe(0);
    expect(uploadPercent({ sentBytes: 0, totalBytes: 0 })).toBeNull();
    expect(uploadPercent(null)).toBeNull();
  });
});

describe('outboxView', () => {
  it('not asked yet: « Pas encore envoyé », the button offered', () => {
    const view = outboxView(BASE);
    expect(say(view.state)).toBe('Pas encore envoyé.');
    expect(view.canAskSending).toBe(true);
    expect(view.percent).toBeNull();
  });

  it('waiting for the network: the next try with its seconds, the attempts, why, and who must act', () => {
    const nextTryAt = '2026-12-01T10:31:32.000Z';
    const view = outboxView({ ...BASE, state: 'waitingForNetwork', attempts: 3, nextTryAt, lastErrorCode: 'ECONNREFUSED' });
    const time = new Intl.DateTimeFormat('fr', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(nextTryAt));
    expect(say(view.state)).toBe(`En attente du réseau : prochain essai à ${time}.`);
    expect(time).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(say(view.detail)).toContain('La plateforme ne répond pas');
    expect(view.attempts).toBe(3);
    expect(view.managerMustSetPlatform).toBe(false);
    expect(view.canAskSending).toBe(true);

    const noUrl = outboxView({ ...BASE, state: 'waitingForNetwork', attempts: 1, nextTryAt, lastErrorCode: 'noPlatformUrl' });
    expect(noUrl.managerMustSetPlatform).toBe(true);
    expect(say(noUrl.detail)).toContain('le responsable du centre doit la saisir');
    // Asked, not tried yet.
    expect(say(outboxView({ ...BASE, state: 'waitingForNetwork' }).state)).toBe('En attente du réseau : l’envoi part dès que possible.');
  });

  it('each failure code is worded in plain French, never the code alone except for an unknown one', () => {
    const cases: [string | null, string][] = [
      ['ECONNREFUSED', 'ne répond pas'], ['ETIMEDOUT', 'ne répond pas'], ['ENOTFOUND', 'ne répond pas'], ['http503', 'ne répond pas'], [null, 'ne répond pas'],
      ['noPlatformUrl', 'adresse de la plateforme'], ['badUrl', 'adresse de la plateforme'], ['noTrustedAuthority', 'authority.pem'],
      ['receiptSignatureInvalid', 'pas signé par l’autorité'], ['receiptMismatch', 'pas signé par l’autorité'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'certificat de la plateforme'], ['ERR_TLS_CERT_ALTNAME_INVALID', 'certificat de la plateforme'], ['DEPTH_ZERO_SELF_SIGNED_CERT', 'certificat de la plateforme'],
      ['quelqueChose', 'code quelqueChose'],
    ];
    for (const [code, words] of cases) expect(say(waitingDetail(code).detail), String(code)).toContain(words);
  });

  it('sending: a progress bar (0 before the first byte), no button; received: « Reçu »; refused: the platform’s own reason', () => {
    const sent = outboxView({ ...BASE, state: 'sent', attempts: 1, progress: { sentBytes: 4500, totalBytes: 18000 } });
    expect(sent.percent).toBe(25);
    expect(say(sent.state)).toBe('Envoyé : transfert du lot en cours.');
    expect(sent.canAskSending).toBe(false);
    expect(outboxView({ ...BASE, state: 'sent', attempts: 1 }).percent).toBe(0);

    const received = outboxView({ ...BASE, state: 'received', attempts: 1 });
    expect(say(received.state)).toMatch(/^Reçu : /);
    expect(received.canAskSending).toBe(false);

    const reason = 'le certificat du centre « 0123456A » est révoqué';
    const refused = outboxView({ ...BASE, state: 'refused', attempts: 2, lastErrorCode: 'certificate', lastErrorMessage: reason });
    expect(say(refused.state)).toBe('Refusé par la plateforme : le lot n’a pas été accepté.');
    expect(refused.platformReason).toBe(reason);
    expect(refused.canAskSending).toBe(true);
  });

  it('is read again often during an upload, calmly while waiting, never once settled; unchanged reads change nothing', () => {
    expect(pollDelayMs({ ...BASE, state: 'sent' })).toBeLessThan(pollDelayMs({ ...BASE, state: 'waitingForNetwork' })!);
    for (const state of ['notRequested', 'received', 'refused'] as const) expect(pollDelayMs({ ...BASE, state })).toBeNull();
    expect(sameOutbox(null, BASE)).toBe(false);
    expect(sameOutbox({ ...BASE }, BASE)).toBe(true);
    expect(sameOutbox(BASE, { ...BASE, attempts: 1 })).toBe(false);
  });

  it('has English words for every state', () => {
    for (const state of ['notRequested', 'waitingForNetwork', 'sent', 'received', 'refused'] as const) {
      const view = outboxView({ ...BASE, state, attempts: 1, nextTryAt: '2026-12-01T10:31:32.000Z' }, 'en');
      expect(translate('en', view.state.key, view.state.params)).not.toContain('signing.');
    }
  });
});
