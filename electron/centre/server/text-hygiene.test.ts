import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNSAFE_TEXT_MESSAGE } from '../../../shared/formats/safe-text';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';
import { CANDIDATE_INPUT } from '../testing/test-server';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.close());

describe('text hygiene over HTTP: what the probe sent', () => {
  test('a lone surrogate or an RTL override in a name is refused (400, the field named), nothing stored', async () => {
    for (const lastName of ['Du\\ud800pont', 'Martin\\u202Efdp.exe', 'Nul\\u0000']) {
      const refused = await h.t.call('POST', `/api/manager/sessions/${h.sessionId}/candidates`, {
        token: h.managerToken, raw: JSON.stringify({ ...CANDIDATE_INPUT, lastName: 'X' }).replace('"X"', `"${lastName}"`) });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code: 'invalidBody', field: 'lastName', message: `Champ « lastName » invalide : ${UNSAFE_TEXT_MESSAGE}.` });
    }
    const listed = await h.t.call('GET', `/api/manager/sessions/${h.sessionId}/candidates`, { token: h.managerToken });
    expect(listed.json.candidates).toHaveLength(h.candidates.size);
  });

  test('free text with NUL, a lone surrogate and a bidi override is stored and read back clean (no U+FFFD)', async () => {
    const kiosk = await h.pairKiosk('Poste\\u0000 12'.replace('\\u0000', '\u0000'));
    await enterTest(h, kiosk, 'Dupont');
    const created = await h.t.call('POST', `/api/console/sessions/${h.sessionId}/incidents`, {
      token: h.invigilatorToken, raw: `{"candidateId":${h.candidates.get('Dupont')!.id},"category":"C6","description":"souffle\\u0000 \\ud800la\\u202E réponse"}` });
    expect(created.status).toBe(201);
    const listed = await h.t.call('GET', `/api/console/sessions/${h.sessionId}/incidents`, { token: h.invigilatorToken });
    expect(listed.json.incidents.at(-1).description).toBe('souffle la réponse');
    expect(listed.text).not.toContain('\uFFFD');
    const kiosks = await h.t.call('GET', '/api/console/kiosks', { token: h.managerToken });
    expect(kiosks.json.kiosks.map((k: { name: string }) => k.name)).toContain('Poste 12');
  });
});
