// Sums the JUnit reports in DIR and prints the plain line CI reads: "N passed, N failed[, N skipped]".
// A non-zero exit of `npm test` with no failing test case (typecheck or lint failed) counts as one failure.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const [dir = 'reports', statusArg = '0'] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xml')) : [];
for (const f of files) {
  const xml = fs.readFileSync(path.join(dir, f), 'utf8');
  for (const m of xml.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[1] || '';
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
    else passed++;
  }
}
const status = Number(statusArg);
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
