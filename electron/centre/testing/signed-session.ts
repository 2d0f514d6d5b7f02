import fs from 'node:fs';
import path from 'node:path';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
import { enterTest, type Harness } from './test-harness';
import { testContentPackage } from './test-packages';

/**
 * For tests: one pupil sits the harness's session through the kiosk routes (one answer wrong), the invigilator
 * finalises, the manager imports the centre's PKCS#12 (authority.pem placed in the data folder) and the session is
 * signed. Resolves with the signed bundle's .zip bytes as the station serves them.
 */
export async function sitFinaliseSign(h: Harness, centre: { authorityPem: string; pkcs12: Buffer; password: string }, lastName = 'Dupont'): Promise<Buffer> {
  const byId = new Map(testContentPackage().challenges.map((c) => [c.id, c]));
  const must = (what: string, answer: { status: number; text: string }, status = 200) => {
    if (answer.status !== status) throw new Error(`${what} : ${answer.status} ${answer.text}`);
  };
  const kiosk = await h.pairKiosk(`Poste ${lastName}`);
  const { entry, test } = await enterTest(h, kiosk, lastName);
  must('début du test', test);
  const ids = (test.json.challenges as { challengeId: string }[]).map((c) => c.challengeId);
  for (const [i, id] of ids.entries()) {
    const challenge = byId.get(id)!;
    const answer = i === 3 ? wrongAnswerFor(challenge) : rightAnswerFor(challenge);
    must('réponse', await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, { challengeId: id, answer, clientAnswerId: `c-${id}`, elapsedMs: 4000, timedOut: false, focusLost: false }));
  }
  must('finalisation', await h.console('POST', '/finalisation', { incidentDuringSession: false, joiningIssue: false, candidates: [] }));
  fs.writeFileSync(path.join(h.t.dataDir, 'authority.pem'), centre.authorityPem);
  must('clé du centre', await h.t.call('POST', '/api/manager/centre-key', { token: h.managerToken, body: { pkcs12: centre.pkcs12.toString('base64'), password: centre.password } }), 201);
  must('signature', await h.console('POST', '/signature', { passphrase: centre.password }), 201);
  return (await h.console('GET', '/bundle')).body;
}
