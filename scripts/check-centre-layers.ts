import path from 'node:path';
import { centreLayerViolations } from './centre-layers';

// `npm run lint` runs it: the folder order inside electron/centre/ (scripts/centre-layers.ts).
const centreDir = process.argv[2] ?? path.join(__dirname, '..', 'electron', 'centre');
const violations = centreLayerViolations(centreDir);
for (const v of violations) process.stderr.write(`${path.join(centreDir, v.file)}:${v.line} : ${v.message}${v.specifier ? ` (import '${v.specifier}')` : ''}\n`);
if (violations.length > 0) {
  process.stderr.write(`${violations.length} import(s) à contre-sens dans electron/centre/.\n`);
  process.exit(1);
}
