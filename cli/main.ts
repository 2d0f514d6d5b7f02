import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from './read-json';

// Each command's module is loaded only when that command runs: `validate` must not pay for the centre server,
// SQLite, the PKI or the fixture sources (most of its second under tsx). A test checks what `validate` loads
// (cli/cli-loading.test.ts). `require`, not `import()`: bin/passation.js registers tsx for CommonJS only, and a
// dynamic import would go to Node's ESM loader, which cannot resolve `.ts` files without it.
const commands = (): typeof import('./commands') => require('./commands');
const centreCommands = (): typeof import('./centre-commands') => require('./centre-commands');
const station = (): typeof import('./station-command') => require('./station-command');
const demo = (): typeof import('./demo') => require('./demo');
const exporting = (): typeof import('./export-command') => require('./export-command');
const verifying = (): typeof import('./verify-command') => require('./verify-command');
const sending = (): typeof import('./send-command') => require('./send-command');
const starting = (): typeof import('./start-mode') => require('./start-mode');

const USAGE = `Passation — ligne de commande

  passation validate FICHIER          statuts des réponses (tableau de {"challenge", "answer"})
  passation score FICHIER             résultats certifiés (tableau d’entrées de score)
  passation generate --content C --profile P --seed N [--locale fr|en] [--pupil ID]
                                      test tiré pour un élève (JSON)
  passation demo                      démonstration sur le contenu de fixtures/
  passation station [--demo] [--data-dir D] [--port 8443] [--host 0.0.0.0]
                                      le poste du surveillant sans Electron (serveur du centre)
  passation start                     l'application : le poste du surveillant dans sa fenêtre (Electron), sur la
                                      session de démonstration ; sans binaire Electron, sans fenêtre
  passation demo-pki DOSSIER          autorité et centre de démonstration, paquets signés
  passation backup SORTIE [--db F]    copie cohérente de la base du centre (API de sauvegarde SQLite)
  passation audit SESSION [--db F]    journal d’une session et vérification de sa chaîne de hachage
  passation export SESSION --out DOSSIER [--data-dir D]
                                      lot de résultats signé d’une session (.zip et fichiers extraits)
  passation verify LOT.zip --ca authority.pem [--crl authority.crl]
                                      vérifie un lot de résultats (signatures, chaîne, schéma, journal
                                      d’audit, cohérence) ; --crl : liste de révocation de l’autorité
                                      (passation-platform crl), un certificat révoqué est refusé
  passation rescore LOT.zip --content C
                                      recalcule chaque résultat à partir des réponses brutes (JSON)
  passation send LOT.zip --platform https://… --ca authority.pem [--out recu.json]
                                      envoie un lot à la plateforme et écrit son reçu signé vérifié
  passation import-receipt SESSION RECU.json [--data-dir D]
                                      vérifie le reçu et le garde au poste comme s’il était arrivé par le réseau

Formats : voir le README, « Formats publics ».`;

/** The station shell's Electron app folder (its package.json names the main). */
const stationShellApp = () => path.join(__dirname, '..', 'electron', 'station', 'app');

const line = (text: string) => process.stdout.write(`${text}\n`);

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: 'string' },
      profile: { type: 'string' },
      seed: { type: 'string' },
      locale: { type: 'string' },
      pupil: { type: 'string' },
      db: { type: 'string' },
      demo: { type: 'boolean' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      ca: { type: 'string' },
      crl: { type: 'string' },
      platform: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file, second] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const needFile = () => {
    if (!file) throw new CliError(`usage : passation ${command} FICHIER`, 2);
    return file;
  };
  switch (command) {
    case 'validate': print(commands().validateCommand(needFile())); return 0;
    case 'score': print(commands().scoreCommand(needFile())); return 0;
    case 'generate': print(commands().generateCommand(values)); return 0;
    case 'demo': await demo().runDemo(); return 0;
    case 'station': await station().stationCommand({ demo: values.demo, dataDir: values['data-dir'], port: values.port, host: values.host }, line); return 0;
    case 'start': {
      const { electronBinary, stationCommand, runStationShell } = station();
      // Architecture §1: without the Electron binary (or a screen), `npm start` still serves the user — the station, headless.
      const passThrough = [...(values['data-dir'] ? ['--data-dir', values['data-dir']] : []), ...(values.port ? ['--port', values.port] : []), ...(values.host ? ['--host', values.host] : [])];
      const { startMode, sqliteBuild } = starting();
      const mode = startMode({ electronBinary: electronBinary(), appDir: stationShellApp(), passThrough, env: process.env, platform: process.platform, sqliteBuild: sqliteBuild() });
      if (mode.mode === 'shell') return runStationShell(mode.command, mode.args, mode.env);
      line(mode.notice);
      await stationCommand({ demo: true, dataDir: values['data-dir'], port: values.port, host: values.host }, line);
      return 0;
    }
    case 'demo-pki': centreCommands().demoPkiCommand(file, line); return 0;
    case 'backup': await centreCommands().backupCommand(file, values.db, line); return 0;
    case 'audit': return centreCommands().auditCommand(file, values.db, line);
    case 'export': await exporting().exportCommand(file, { out: values.out, dataDir: values['data-dir'] }, line); return 0;
    case 'verify': return verifying().verifyCommand(file, { ca: values.ca, crl: values.crl }, line);
    case 'rescore': return verifying().rescoreCommand(file, { content: values.content }, print, (l) => process.stderr.write(`${l}\n`));
    case 'send': return sending().sendCommand(file, { platform: values.platform, ca: values.ca, out: values.out }, line);
    case 'import-receipt': return sending().importReceiptCommand(file, second, { dataDir: values['data-dir'] }, line);
    default: throw new CliError(`commande inconnue : ${command}\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`passation : ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`passation : ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  },
);
