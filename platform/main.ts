import { parseArgs } from 'node:util';
import { CommandError, type CommandIo } from './command-error';

/** The commands' modules, by the function that loads each. */
export interface PlatformCommands {
  init: () => typeof import('./commands/init-command');
  issueCentre: () => typeof import('./commands/issue-centre-command');
  revoke: () => typeof import('./commands/revoke-command');
  crl: () => typeof import('./commands/crl-command');
  publish: () => typeof import('./commands/publish-command');
  serve: () => typeof import('./commands/serve-command');
  review: () => typeof import('./commands/review-command');
}

// Each command's module is loaded only when it runs (as cli/main.ts does): `revoke` does not pay for forge's
// certificate code. `require`, not `import()`: bin/passation-platform.js registers tsx for CommonJS only. The
// tests, where `require` cannot load TypeScript, pass the modules they import (commands/authority-commands.test.ts).
const lazyCommands: PlatformCommands = {
  init: () => require('./commands/init-command'),
  issueCentre: () => require('./commands/issue-centre-command'),
  revoke: () => require('./commands/revoke-command'),
  crl: () => require('./commands/crl-command'),
  publish: () => require('./commands/publish-command'),
  serve: () => require('./commands/serve-command'),
  review: () => require('./commands/review-command'),
};

export const USAGE = `Passation — plateforme de l’autorité

  passation-platform init DOSSIER [--name NOM]
                         crée l’autorité : certificat racine, certificat de signature de la plateforme,
                         clés chiffrées, authority.pem, platform.json, base de données
  passation-platform issue-centre DOSSIER --name NOM --centre-id ID --out centre.p12 [--days N] [--password MOT]
                         certificat d’un centre et son fichier PKCS#12
  passation-platform revoke DOSSIER --serial NUMÉRO --reason RAISON
                         révoque un certificat (keyCompromise, superseded, cessationOfOperation,
                         affiliationChanged, unspecified)
  passation-platform crl DOSSIER --out crl.pem [--days N]
                         liste de révocation signée par l’autorité
  passation-platform publish DOSSIER --kind content|profiles --file PAQUET.json
                         signe et publie un paquet de contenu ou de profils
  passation-platform serve DOSSIER [--port 8443] [--host 127.0.0.1]
                         le service HTTPS : paquets publiés, réception des lots, reçus signés,
                         recherche par code de vérification (docs/platform-api.md)
  passation-platform review DOSSIER list
  passation-platform review DOSSIER publish CODE --by NOM [--reason NOTE]
  passation-platform review DOSSIER reject CODE --by NOM --reason MOTIF
                         résultats validés retenus pour une revue (signalements C1, C6) : les lister,
                         publier l’un d’eux après la revue (la recherche le trouve), ou le rejeter

  Phrase de passe de l’autorité : --passphrase ou la variable PASSATION_AUTHORITY_PASSPHRASE.
  Base de données : le fichier SQLite du dossier, ou PostgreSQL si DATABASE_URL est défini.`;

export async function runPlatform(argv: string[], io: CommandIo, commands: PlatformCommands = lazyCommands): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      'centre-id': { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      password: { type: 'string' },
      passphrase: { type: 'string' },
      serial: { type: 'string' },
      reason: { type: 'string' },
      kind: { type: 'string' },
      file: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, dir, ...extra] = positionals;
  if (values.help || command === undefined) {
    io.out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const known = ['init', 'issue-centre', 'revoke', 'crl', 'publish', 'serve', 'review'];
  if (!known.includes(command)) throw new CommandError(`commande inconnue : ${command}\n\n${USAGE}`, 2);
  if (dir === undefined || (extra.length > 0 && command !== 'review')) throw new CommandError(`usage : passation-platform ${command} DOSSIER … (voir --help)`, 2);
  switch (command) {
    case 'init': await commands.init().initCommand(dir, { passphrase: values.passphrase, name: values.name }, io); return 0;
    case 'issue-centre': await commands.issueCentre().issueCentreCommand(dir, { ...values, centreId: values['centre-id'] }, io); return 0;
    case 'revoke': await commands.revoke().revokeCommand(dir, values, io); return 0;
    case 'publish': await commands.publish().publishCommand(dir, values, io); return 0;
    case 'review': await commands.review().reviewCommand(dir, extra, values, io); return 0;
    case 'serve': {
      const handle = await commands.serve().serveCommand(dir, values, io);
      await untilStopped();
      io.out('Arrêt de la plateforme…');
      await handle.close();
      return 0;
    }
    default: await commands.crl().crlCommand(dir, values, io); return 0;
  }
}

/** Resolves on SIGINT or SIGTERM: `serve` then closes its server and its store. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The process's entry: French message on stderr and the exit code, as `passation` does. */
export function cli(): void {
  const io: CommandIo = { env: process.env, out: (line) => process.stdout.write(`${line}\n`), now: () => new Date() };
  runPlatform(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      if (error instanceof CommandError) {
        process.stderr.write(`passation-platform : ${error.message}\n`);
        process.exitCode = error.exitCode;
      } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`passation-platform : ${error.message}\n\n${USAGE}\n`);
        process.exitCode = 2;
      } else {
        throw error;
      }
    },
  );
}
