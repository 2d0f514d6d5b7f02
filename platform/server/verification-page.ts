import type { VerificationAnswer } from '../../shared/formats/platform-api';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export type PageOutcome =
  | { kind: 'form' }
  | { kind: 'found'; answer: VerificationAnswer }
  | { kind: 'notFound'; code: string }
  | { kind: 'invalid'; code: string }
  | { kind: 'rateLimited'; retryAfterSeconds: number };

/**
 * R-PUB-1 — the plain French look-up page: a labelled field, a button, the answer as a table with its caption;
 * no script, no external resource, readable by a screen reader and at any zoom.
 */
export function verificationPage(outcome: PageOutcome): string {
  const code = outcome.kind === 'notFound' || outcome.kind === 'invalid' ? outcome.code : outcome.kind === 'found' ? outcome.answer.verificationCode : '';
  let answer = '';
  if (outcome.kind === 'found') {
    const a = outcome.answer;
    const rows = a.competences.map((c) => `<tr><th scope="row">${escape(c.code)}</th><td>${c.level < 0 ? 'non certifiée' : `niveau ${c.level}`}</td><td>${c.pix}</td></tr>`).join('\n');
    answer = `<section aria-labelledby="resultat">
<h2 id="resultat">Certification valide</h2>
<dl>
<dt>Nom</dt><dd>${escape(a.lastName)}</dd>
<dt>Prénom</dt><dd>${escape(a.firstName)}</dd>
<dt>Date de naissance</dt><dd>${frenchDate(a.birthDate)}</dd>
<dt>Date de l’examen</dt><dd>${frenchDate(a.examDate)}</dd>
<dt>Centre</dt><dd>${escape(a.centreName)}</dd>
<dt>Score</dt><dd>${a.pix} pix sur 640</dd>
<dt>Niveau maximal de la session</dt><dd>${a.maxLevel}</dd>
</dl>
<table>
<caption>Niveau et pix par compétence</caption>
<thead><tr><th scope="col">Compétence</th><th scope="col">Niveau</th><th scope="col">Pix</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  } else if (outcome.kind === 'notFound') {
    answer = `<p role="status">Aucune certification publiée ne correspond au code ${escape(outcome.code)}. Vérifiez le code (il commence par « P- » suivi de 8 caractères).</p>`;
  } else if (outcome.kind === 'invalid') {
    answer = `<p role="alert">« ${escape(outcome.code)} » n’est pas un code de vérification : il commence par « P- » suivi de 8 caractères (chiffres 2 à 9, lettres sans voyelle).</p>`;
  } else if (outcome.kind === 'rateLimited') {
    answer = `<p role="alert">Trop de recherches depuis votre adresse : réessayez dans ${outcome.retryAfterSeconds} secondes.</p>`;
  }
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vérifier une certification — Passation</title>
</head>
<body>
<main>
<h1>Vérifier une certification</h1>
<form method="get" action="/verification">
<label for="code">Code de vérification (par exemple P-2B3C4D6F)</label>
<input id="code" name="code" type="text" autocomplete="off" spellcheck="false" required value="${escape(code)}">
<button type="submit">Vérifier</button>
</form>
${answer}
</main>
</body>
</html>
`;
}
