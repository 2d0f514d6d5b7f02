import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder order inside `electron/centre/` (style.md: arrows point down only), as a table of allowed
 * imports like VS Code's layer rules: a source file of folder F may import only the folders listed for F
 * (and its own folder, and `shared/`). `testing/` (fixtures for tests) and the composition root (the files
 * directly in `electron/centre/`: `centre-server.ts`, `station-runner.ts`) may import every folder.
 * Test files (`*.test.ts`) are integration tests and may import anything of the centre.
 */
export const CENTRE_LAYERS: Readonly<Record<string, readonly string[]>> = {
  storage: [],
  pki: [],
  http: [],
  audit: ['storage'],
  sessions: ['storage'],
  packages: ['storage', 'sessions', 'pki'],
  roster: ['storage', 'sessions'],
  auth: ['storage', 'http', 'sessions'],
  live: ['auth', 'http'],
  records: ['storage', 'audit', 'sessions', 'packages', 'auth', 'http'],
  reports: ['storage', 'pki', 'sessions', 'records'],
  server: ['storage', 'pki', 'http', 'audit', 'sessions', 'packages', 'roster', 'auth', 'live', 'records', 'reports'],
  delivery: ['storage', 'http', 'audit', 'sessions', 'packages', 'auth', 'live', 'records', 'server'],
  supervision: ['storage', 'http', 'audit', 'sessions', 'auth', 'live', 'records', 'server'],
  finalisation: ['storage', 'http', 'audit', 'sessions', 'auth', 'records', 'reports', 'server'],
  signing: ['storage', 'pki', 'http', 'audit', 'sessions', 'auth', 'records', 'reports', 'server'],
  verification: ['pki', 'reports', 'signing'],
  sending: ['storage', 'pki', 'http', 'sessions', 'signing', 'server'],
  'package-download': ['storage', 'pki', 'http', 'packages', 'server', 'sending'],
  screens: ['http'],
  testing: ['*'],
};

/** The composition root: files directly in `electron/centre/`. */
const ROOT_LAYER = '(racine)';

export interface LayerViolation {
  /** Path of the importing file, relative to the centre folder. */
  file: string;
  line: number;
  specifier: string;
  message: string;
}

const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;

/** Every relative import of a TypeScript source, with its 1-based line. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const specifier = match[2]!;
    if (!specifier.startsWith('.')) continue;
    found.push({ specifier, line: text.slice(0, match.index).split('\n').length });
  }
  return found;
}

function layerOf(relative: string): string {
  const parts = relative.split(/[\\/]/);
  return parts.length === 1 ? ROOT_LAYER : parts[0]!;
}

/** Checks one file (path relative to the centre folder) against the table. */
export function fileViolations(relative: string, text: string, layers = CENTRE_LAYERS): LayerViolation[] {
  if (/\.test\.tsx?$/.test(relative)) return [];
  const from = layerOf(relative);
  const violations: LayerViolation[] = [];
  if (from !== ROOT_LAYER && !(from in layers)) {
    return [{ file: relative, line: 1, specifier: '', message: `le dossier « ${from} » n’est pas dans la table des couches (scripts/centre-layers.ts) : placez-le` }];
  }
  const allowed = from === ROOT_LAYER ? ['*'] : layers[from]!;
  for (const { specifier, line } of importsOf(text)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(relative.split(path.sep).join('/')), specifier));
    if (target.startsWith('..')) continue; // outside the centre: shared/ and the outer layers' own lint rules
    const to = layerOf(target);
    if (to === from) continue;
    if (to === ROOT_LAYER && !allowed.includes('*')) {
      violations.push({ file: relative, line, specifier, message: `« ${from} » importe la racine de composition (${target}) : seule la racine assemble` });
    } else if (to === 'testing' && from !== 'testing') {
      violations.push({ file: relative, line, specifier, message: `« ${from} » importe testing/ : réservé aux tests` });
    } else if (!allowed.includes('*') && !allowed.includes(to)) {
      violations.push({ file: relative, line, specifier, message: `« ${from} » ne peut pas importer « ${to} » (couches permises : ${allowed.join(', ') || 'aucune'})` });
    }
  }
  return violations;
}

/** Every violation under a centre folder (default: this repository's `electron/centre/`). */
export function centreLayerViolations(centreDir: string, layers = CENTRE_LAYERS): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) violations.push(...fileViolations(path.relative(centreDir, full), fs.readFileSync(full, 'utf8'), layers));
    }
  };
  walk(centreDir);
  return violations;
}
