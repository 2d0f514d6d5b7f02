import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { sendCommand } from '../cli/send-command';
import { pdfCheck } from '../electron/centre/testing/pdf-tools';
import { SignedReceipt } from '../shared/formats/platform-api';
import { seedSigningSession, type SigningSeed } from './signing-seed';
import { expect, saveScreenshot, test } from './station-fixture';
import { seriousViolations } from './axe-check';

// Issue 10 §1 — « Signer et envoyer les résultats » and « Résultats reçus » in Chromium, against a real station
// (HTTPS on loopback, SQLite file) and a REAL authority platform on loopback that verifies, rescores and receipts
// the bundle; the session is sat through the kiosk API and finalised through the console API (e2e/signing-seed.ts).

/** The keyboard alone: Tab until `target` has the focus (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus jamais atteint au clavier : ${target.toString()}`);
}

async function bothSizes(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `${name}-1366x768`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, `${name}-1920x1080`);
  // 200 % zoom on a 1366×768 laptop: half the CSS pixels wide; no sideways scrolling.
  await page.setViewportSize({ width: 683, height: 768 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} à 200 %`).toBe(true);
  await saveScreenshot(page, `${name}-200pc`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/**
 * A slow road to the platform: a TCP relay on loopback that passes the station's bytes on in small pieces (the TLS
 * session is end to end: the platform's certificate names 127.0.0.1, whatever the port), so that an upload lasts
 * long enough for the page to show its progress bar.
 */
/** 4 KiB every 150 ms (≈ 27 KB/s): a bundle of ≈ 60 KB (the PDFs embed only their glyphs) takes ≈ 2 s to go up. */
const RELAY_PIECE = 4 * 1024;

async function slowRelay(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      client.pause();
      let offset = 0;
      const step = () => {
        if (offset >= chunk.length) { client.resume(); return; }
        upstream.write(chunk.subarray(offset, offset + RELAY_PIECE));
        offset += RELAY_PIECE;
        setTimeout(step, 150);
      };
      step();
    });
    upstream.pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

async function login(page: Page, stationUrl: string, seed: SigningSeed, fragment: string): Promise<void> {
  await page.goto(`${stationUrl}/console/${fragment}`);
  await page.getByRole('textbox', { name: 'Numéro de session' }).fill(String(seed.sessionNumber));
  await page.getByLabel('Mot de passe du surveillant').fill(seed.invigilatorPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('sign (no centre key, a wrong password, then the right one by the keyboard), open the signed PDFs, send, « reçu », the results the platform confirms, printed', async ({ page, station, problems }) => {
  test.setTimeout(240_000);
  const seed = await seedSigningSession(station);
  try {
    // Before the finalisation: said, with the way to it.
    await login(page, station.url, seed, '#/signature');
    await expect(page.getByRole('heading', { level: 1, name: 'Signer et envoyer les résultats' })).toBeFocused();
    await expect(page.getByText('La session n’est pas encore finalisée : finalisez-la avant de signer les résultats.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Aller à la finalisation' })).toHaveAttribute('href', '#/finalisation');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-signing-not-finalised-1366x768');

    // Finalised, but no centre certificate on the station: the manager must import it.
    await seed.finalise();
    await page.reload();
    const password = page.getByLabel('Mot de passe de la clé du centre');
    await password.fill('peu-importe');
    await page.getByRole('button', { name: 'Signer les résultats' }).click();
    await expect(page.getByRole('alert')).toContainText('Aucun certificat du centre n’est importé sur ce poste : le responsable du centre doit d’abord l’importer');
    await expect(page.getByRole('alert').getByRole('link', { name: 'Page « Centre et postes » du responsable du centre' })).toHaveAttribute('href', '#/responsable/centre');

    // An empty password is not sent; a wrong one is refused, and the field is emptied.
    await seed.importCentreKey();
    await page.getByRole('button', { name: 'Signer les résultats' }).click();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Indiquez le mot de passe de la clé du centre.')).toBeVisible();
    await password.fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Signer les résultats' }).click();
    await expect(page.getByRole('alert')).toHaveText('Mot de passe de la clé du centre incorrect : vérifiez-le et réessayez.');
    await expect(password).toHaveValue('');
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-signing-wrong-password');

    // The right password, by the keyboard alone.
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, password);
    await page.keyboard.type(seed.authority.pkcs12Password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: '1. Résultats signés' })).toBeFocused({ timeout: 30_000 });
    await expect(page.getByText('Résultats signés. La session est figée : plus aucune modification n’est possible.')).toBeVisible();
    const signature = (await seed.station('GET', `/api/console/sessions/${seed.sessionId}/signature`, { as: 'invigilator' })).json;
    await expect(page.getByRole('definition').filter({ hasText: signature.signer })).toBeVisible();
    await expect(page.getByText(signature.bundleSha256.slice(0, 4) + ' ' + signature.bundleSha256.slice(4, 8))).toBeVisible();
    // Frozen: the station refuses a change (the page says so, the API enforces it).
    expect((await seed.station('POST', `/api/console/sessions/${seed.sessionId}/incidents`, { as: 'invigilator', body: { candidateId: seed.pupils[0]!.id, category: 'E4', questionNumber: 1 } })).status).toBe(409);

    // The two PDFs: links to the signed bundle's own bytes, signed by the centre (pdfsig, poppler).
    const pdfs = pdfCheck();
    try {
      for (const name of ['Ouvrir la feuille d’émargement (PDF, nouvel onglet)', 'Ouvrir le procès-verbal d’incident (PDF, nouvel onglet)']) {
        const link = page.getByRole('link', { name });
        await expect(link).toHaveAttribute('target', '_blank');
        // Fetched by the page itself (its cookie, its pinned certificate), as the new tab would.
        const answer = await page.evaluate(async (href) => {
          const response = await fetch(href);
          return { status: response.status, type: response.headers.get('content-type'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
        }, (await link.getAttribute('href'))!);
        expect(answer.status, name).toBe(200);
        expect(answer.type).toBe('application/pdf');
        const bytes = Buffer.from(answer.bytes);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const checked = pdfs.pdfsig(bytes);
        expect(checked.out, name).toContain('Signature is Valid.');
        expect(checked.out, name).toContain('0999999Z');
      }
    } finally {
      pdfs.remove();
    }
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-signing-signed');

    // Send with no platform address: the page says the manager sets it (the centre's page).
    const status = page.getByRole('status').filter({ hasText: /Pas encore envoyé|En attente|Envoyé|Reçu|Refusé/ });
    await expect(status).toHaveText('Pas encore envoyé.');
    const send = page.getByRole('button', { name: 'Envoyer à la plateforme' });
    await tabTo(page, send);
    await page.keyboard.press('Enter');
    await expect(status).toContainText('L’adresse de la plateforme n’est pas réglée sur ce poste : le responsable du centre doit la saisir.', { timeout: 15_000 });
    await expect(status).toContainText('En attente du réseau : prochain essai à');
    await expect(page.getByText(/1 essai jusqu’ici\./)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Page « Centre et postes » du responsable du centre' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-signing-no-platform');

    // The manager sets the address (here through a slow relay): the waiting sending leaves at once; the progress
    // bar moves; then « Reçu » (polled; a polite live region).
    const relay = await slowRelay(new URL(seed.platformUrl));
    try {
      await seed.setPlatformUrl(relay.url);
      const bar = page.getByRole('progressbar', { name: 'Envoi du lot' });
      await expect(bar).toBeVisible({ timeout: 15_000 });
      await expect(status).toContainText('Envoyé : transfert du lot en cours.');
      await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
      await saveScreenshot(page, 'console-signing-progress-1366x768');
      await expect(status).toContainText('Reçu : la plateforme a accepté le lot et renvoyé les résultats.', { timeout: 90_000 });
    } finally {
      await relay.close();
    }
    await expect(status).toHaveAttribute('role', 'status');
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-signing-received');

    // Export: the download is the signed bundle, byte for byte, with its file name.
    const exportLink = page.getByRole('link', { name: `Exporter le lot sur une clé USB (resultats-session-${seed.sessionNumber}.zip)` });
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toBe(`resultats-session-${seed.sessionNumber}.zip`);
    const downloaded = fs.readFileSync((await download.path())!);
    const bundle = await seed.station('GET', `/api/console/sessions/${seed.sessionId}/bundle`, { as: 'invigilator' });
    expect(downloaded.equals(bundle.body)).toBe(true);
    await expect(page.getByText(`passation send resultats-session-${seed.sessionNumber}.zip --platform https://adresse-de-la-plateforme --ca authority.pem --out recu.json`)).toBeVisible();

    // The results received: every candidate, with a verification code the platform's look-up page confirms.
    await page.getByRole('link', { name: 'Voir les résultats reçus' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Résultats reçus de la plateforme' })).toBeFocused();
    const table = page.getByRole('table', { name: 'Résultats des candidats' });
    const receipt = (await seed.station('GET', `/api/console/sessions/${seed.sessionId}/receipt`, { as: 'invigilator' })).json;
    expect(receipt.candidates).toHaveLength(seed.pupils.length);
    let confirmed = 0;
    for (const c of receipt.candidates as { lastName: string; firstName: string; verificationCode: string; pix: number; status: string }[]) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${c.lastName} ${c.firstName}` }) });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole('cell').filter({ hasText: c.verificationCode })).toBeVisible();
      await expect(row).toContainText(`${c.pix} / 640`);
      await expect(row).toContainText(c.status === 'validated' ? 'Validée' : /Non validée|Annulée|En erreur/);
      await expect(row.getByRole('listitem').first()).toContainText(/^\d\.\d : (niveau \d|non certifiée)$/);
      if (c.status === 'validated') {
        const looked = await seed.platform(`/verification?code=${encodeURIComponent(c.verificationCode)}`);
        expect(looked.status, c.verificationCode).toBe(200);
        expect(looked.text).toContain(c.lastName);
        expect(looked.text).toContain(String(c.pix));
        confirmed += 1;
      }
    }
    expect(confirmed).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-results');

    // « Imprimer la liste »: the print stylesheet — no header, navigation or button; the session's facts; A4.
    await expect(page.getByRole('button', { name: 'Imprimer la liste' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Imprimer la liste' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Pages du surveillant' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeHidden();
    await expect(page.getByText(`n° ${seed.sessionNumber}`, { exact: true })).toBeVisible();
    await expect(page.getByText(/^Liste établie le /)).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.results-table td')!).color)).toBe('rgb(0, 0, 0)');
    await saveScreenshot(page, 'console-results-print');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdfCheck();
    try {
      const printed = text.pdftotext(pdf);
      for (const c of receipt.candidates as { lastName: string; verificationCode: string }[]) {
        expect(printed).toContain(c.lastName);
        expect(printed).toContain(c.verificationCode);
      }
      expect(printed).not.toContain('Imprimer la liste');
      expect(printed).not.toContain('Surveillance');
      const pdfFile = path.join(text.dir, 'liste.pdf');
      fs.writeFileSync(pdfFile, pdf);
      const size = spawnSync('pdfinfo', [pdfFile], { encoding: 'utf8' }).stdout;
      expect(size).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    } finally {
      text.remove();
    }
    await page.emulateMedia({ media: 'screen' });

    expect(await problems.cspViolations()).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await seed.close();
  }
});

test('without internet: export the bundle, send it from another computer (passation send), import the receipt file back — a forged one and a wrong file are refused', async ({ page, station, problems }) => {
  test.setTimeout(240_000);
  const seed = await seedSigningSession(station, 2);
  try {
    await seed.finalise();
    await seed.importCentreKey();
    expect((await seed.station('POST', `/api/console/sessions/${seed.sessionId}/signature`, { as: 'invigilator', body: { passphrase: seed.authority.pkcs12Password } })).status).toBe(201);
    await login(page, station.url, seed, '#/resultats');
    // Before any receipt: the results page says where the sending stands.
    await expect(page.getByRole('heading', { level: 1, name: 'Résultats reçus de la plateforme' })).toBeFocused();
    await expect(page.getByText('Aucun résultat reçu pour l’instant.')).toBeVisible();
    await expect(page.getByText('Où en est l’envoi : Pas encore envoyé.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-results-none');

    await page.getByRole('link', { name: 'Aller à la signature et à l’envoi' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '1. Résultats signés' })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Exporter le lot sur une clé USB (resultats-session-${seed.sessionNumber}.zip)` }).click(),
    ]);
    const usb = path.join(station.dataDir, 'cle-usb');
    fs.mkdirSync(usb);
    const zipFile = path.join(usb, download.suggestedFilename());
    await download.saveAs(zipFile);
    // On the connected computer: the real command, trusting authority.pem only.
    fs.writeFileSync(path.join(usb, 'authority.pem'), seed.authority.authorityPem);
    const receiptFile = path.join(usb, 'recu.json');
    const said: string[] = [];
    expect(await sendCommand(zipFile, { platform: seed.platformUrl, ca: path.join(usb, 'authority.pem'), out: receiptFile }, (l) => said.push(l)), said.join('\n')).toBe(0);
    const genuine = SignedReceipt.parse(JSON.parse(fs.readFileSync(receiptFile, 'utf8')));

    const fileField = page.getByLabel('Fichier du reçu (recu.json)');
    const importButton = page.getByRole('button', { name: 'Importer le reçu' });
    await importButton.click();
    await expect(page.getByText('Choisissez le fichier du reçu.')).toBeVisible();
    // The bundle itself is not a receipt; an altered receipt is refused (its signature); nothing is kept.
    await fileField.setInputFiles(zipFile);
    await importButton.click();
    await expect(page.getByRole('alert')).toHaveText('Ce reçu est illisible ou incomplet.');
    const forged = path.join(usb, 'recu-modifie.json');
    fs.writeFileSync(forged, JSON.stringify({ ...genuine, receipt: genuine.receipt.replace('"pix":', '"pix": ') }));
    await fileField.setInputFiles(forged);
    await importButton.click();
    await expect(page.getByRole('alert')).toHaveText('La signature de ce reçu n’est pas celle de l’autorité : il est refusé.');
    expect((await seed.station('GET', `/api/console/sessions/${seed.sessionId}/receipt`, { as: 'invigilator' })).status).toBe(404);
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-signing-receipt-refused');

    await fileField.setInputFiles(receiptFile);
    await expect(page.getByText('Fichier choisi : recu.json')).toBeVisible();
    await importButton.click();
    await expect(page.getByText('Reçu importé : sa signature par l’autorité est vérifiée.')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Reçu : la plateforme a accepté le lot' })).toBeVisible();
    await page.getByRole('link', { name: 'Voir les résultats reçus' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'par un fichier (clé USB)' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Résultats des candidats' });
    await expect(table.getByRole('rowheader')).toHaveCount(seed.pupils.length);
    for (const c of JSON.parse(genuine.receipt).candidates as { verificationCode: string }[]) await expect(table).toContainText(c.verificationCode);
    expect(await seriousViolations(page)).toEqual([]);
    await bothSizes(page, 'console-results-from-file');
    // English, second: the same list, every word from the English catalogue.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Results received from the platform' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'The candidates’ results' }).getByRole('columnheader', { name: 'Verification code' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Print the list' })).toBeVisible();
    await saveScreenshot(page, 'console-results-english-1366x768');
    expect(await problems.cspViolations()).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await seed.close();
  }
});
