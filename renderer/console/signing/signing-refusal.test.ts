import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientError } from '../../ui/api-client';
import { translate } from '../../ui/i18n/translate';
import { addConsoleWords } from '../i18n/console-words';
import { bundleFileName, sendCommand } from './export-command';
import { callProblem, readPassphrase, shortSha256, signingProblem } from './signing-refusal';

// Issue 10 §1 — the signature's refusals (docs/delivery-api.md, POST …/signature) in plain French.
addConsoleWords();

const refused = (code: string, extra: Record<string, unknown> = {}): ClientError => ({ kind: 'refused', status: 422, error: { code, message: 'x', ...extra } });
const words = (e: ClientError) => {
  const p = signingProblem(e);
  return { text: translate('fr', p.said.key, p.said.params), manager: p.managerMustAct };
};

describe('signingProblem', () => {
  it('a wrong password asks to check it; the centre’s key and certificate send to the manager', () => {
    expect(words(refused('passphraseWrong'))).toEqual({ text: 'Mot de passe de la clé du centre incorrect : vérifiez-le et réessayez.', manager: false });
    expect(words(refused('noCentreKey')).text).toContain('le responsable du centre doit d’abord l’importer');
    expect(words(refused('noCentreKey')).manager).toBe(true);
    expect(words(refused('certificateExpired')).text).toContain('a expiré');
    expect(words(refused('certificateExpired')).manager).toBe(true);
    expect(words(refused('certificateNotYetValid')).text).toContain('vérifiez la date de ce poste');
    expect(words(refused('certificateUntrusted')).manager).toBe(true);
    expect(words(refused('sessionNotFinalised')).text).toBe('La session n’est pas encore finalisée.');
    expect(words(refused('sessionAlreadySigned')).text).toBe('Cette session est déjà signée.');
  });
  it('too many wrong passwords: how long to wait, from Retry-After', () => {
    expect(words(refused('tooManyAttempts', { retryAfterSeconds: 42 })).text).toBe('Trop de mots de passe erronés : réessayez dans 42 s.');
    expect(words(refused('tooManyAttempts')).text).toBe('Trop d’essais : patientez avant de réessayer.');
  });
  it('the station not answering is said as such; an unknown code gets the general sentence', () => {
    expect(words({ kind: 'network', message: 'x' }).text).toContain('ne répond pas');
    expect(words({ kind: 'timeout', afterMs: 10_000 }).text).toContain('trop de temps');
    expect(callProblem(refused('codeInconnu')).said.key).toBe('error.unknown');
    expect(callProblem(refused('receiptSignatureInvalid')).said.key).toBe('error.receiptSignatureInvalid');
  });
});

describe('readPassphrase', () => {
  it('sends any typed passphrase as it is (spaces included); refuses an empty one or only spaces', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 1024 }).filter((s) => s.trim() !== ''), (typed) => {
      expect(readPassphrase(typed)).toEqual({ ok: true, passphrase: typed });
    }));
    fc.assert(fc.property(fc.stringMatching(/^[ \t]*$/), (blank) => { expect(readPassphrase(blank).ok).toBe(false); }));
    expect(readPassphrase('x'.repeat(1025)).ok).toBe(false);
  });
});

describe('shortSha256 and the export', () => {
  it('shows the first 16 hex digits of a fingerprint in groups of four', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (hex) => {
      const short = shortSha256(hex);
      expect(short).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
      expect(short.replaceAll(' ', '')).toBe(hex.slice(0, 16));
    }));
  });
  it('names the file as the station does (docs/results-bundle.md) and gives the command of docs/delivery-api.md', () => {
    expect(bundleFileName(123456)).toBe('resultats-session-123456.zip');
    expect(sendCommand(12, 'https://plateforme.example.fr')).toBe('passation send resultats-session-12.zip --platform https://plateforme.example.fr --ca authority.pem --out recu.json');
  });
});
