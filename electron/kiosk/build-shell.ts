import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles the kiosk shell into an Electron app folder (`npm run build:kiosk-shell` → dist/app/kiosk/):
 * `kiosk-main.js` (main process, zod and the shared code inside, `electron` and Node's modules outside),
 * `kiosk-preload.js` (the sandboxed preload: it may require `electron` only, so everything else is inlined) and a
 * `package.json` naming the main. Those three files are the build hash's input (shell-context.ts BUILD_FILES).
 * Run with `electron dist/app/kiosk` where the binary exists; packaged by electron-builder with the fuses of the README.
 */
export function buildKioskShell(outDir: string, version: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node22', external: ['electron'], legalComments: 'none' as const, logLevel: 'silent' as const };
  buildSync({ ...common, entryPoints: [path.join(__dirname, 'main.ts')], outfile: path.join(outDir, 'kiosk-main.js') });
  // A sandboxed preload is a script, not a CommonJS module: an IIFE with only `require('electron')` inside.
  buildSync({ ...common, format: 'iife', entryPoints: [path.join(__dirname, 'preload.ts')], outfile: path.join(outDir, 'kiosk-preload.js') });
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: 'passation-kiosk', version, private: true, main: 'kiosk-main.js' }, null, 2)}\n`);
  return ['kiosk-main.js', 'kiosk-preload.js', 'package.json'];
}

if (require.main === module) {
  const root = path.join(__dirname, '..', '..');
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const out = path.join(root, 'dist', 'app', 'kiosk');
  for (const file of buildKioskShell(out, version)) process.stdout.write(`${path.join(out, file)}\n`);
}
