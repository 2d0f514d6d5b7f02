import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateAnswer, type ValidationResult } from '../../../shared/certification/validation';
import { Answer, type ValidationChallenge } from '../../../shared/formats/challenge';
import type { Challenge } from '../../../shared/formats/content-package';
import type { KioskAsset, KioskChallenge } from '../../../shared/formats/kiosk-api';
import { instructionBlocks } from '../../../shared/formats/kiosk-instruction-markdown';
import { localeStore } from '../../ui/i18n/locale-store';
import type { AssetSource, ChallengeViewProps, Countdown, PupilAnswer } from './challenge-contract';
import { ChallengeView } from './challenge-view';
import { FocusedWarning } from './focused-warning';
import { TimedWarning } from './timed-warning';
import { loadLocale } from '../../ui/i18n/translate';

beforeAll(() => loadLocale('en')); // English is chosen in this file: its chunk, loaded first.

// Issue 8 §1, R-CHAL-1/2, R-VAL-4/5/6 — the challenge screens in jsdom, found by role and accessible name as the
// end-to-end tests and a screen reader find them. Answers are judged by the station's own validator.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CONTENT = path.resolve(__dirname, '../../../fixtures/content/content-package.json');
const demo = (JSON.parse(fs.readFileSync(CONTENT, 'utf8')) as { challenges: Challenge[] }).challenges;

function asset(id: string, fileName: string, mediaType = 'application/octet-stream'): KioskAsset {
  return { id, fileName, mediaType, sha256: id.padEnd(64, '0'), url: `/api/kiosk/assets/${id}` };
}

/** A demo challenge as the kiosk receives it (R-CHAL-3: no solution, no tolerance). */
function kioskChallenge(challenge: Challenge, position = 3): KioskChallenge {
  return {
    challengeId: challenge.id, position, type: challenge.type, instruction: instructionBlocks(challenge.instruction),
    proposals: challenge.proposals, format: challenge.format ?? 'mots', focused: challenge.focused ?? false,
    ...(challenge.alternativeInstruction ? { alternativeInstruction: challenge.alternativeInstruction } : {}),
  };
}

const base: KioskChallenge = {
  challengeId: 'ch_test', position: 3, type: 'QCU', instruction: instructionBlocks('Quel est le **bon** choix ?'),
  proposals: 'Premier\nDeuxième\nTroisième', format: 'mots', focused: false,
};

function fakeAssets(overrides: Partial<AssetSource> = {}): AssetSource & { objectUrl: ReturnType<typeof vi.fn>; download: ReturnType<typeof vi.fn> } {
  return {
    objectUrl: vi.fn(async () => 'blob:http://kiosk/illustration'),
    download: vi.fn(async () => {}),
    ...overrides,
  } as never;
}

function show(overrides: Partial<ChallengeViewProps> = {}) {
  const onAnswer = vi.fn<(answer: PupilAnswer) => void>();
  const props: ChallengeViewProps = {
    challenge: base, total: 12, countdown: null, focusLost: false, assets: fakeAssets(), keeping: false, onAnswer, ...overrides,
  };
  const view = render(<ChallengeView {...props} />);
  return { ...view, onAnswer, props };
}

async function seriousViolations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container, { iframes: false, rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

beforeEach(() => { localeStore.getState().setLocale('fr'); });
afterEach(() => { cleanup(); vi.useRealTimers(); });

describe('ChallengeView: where the pupil is', () => {
  it('« Question i sur N », focused on arrival, with a progress bar whose values are i and N', () => {
    show();
    const heading = screen.getByRole('heading', { level: 1, name: 'Question 3 sur 12' });
    expect(document.activeElement).toBe(heading);
    const progress = screen.getByRole('progressbar', { name: 'Avancement du test' });
    expect([progress.getAttribute('aria-valuenow'), progress.getAttribute('aria-valuemax'), progress.getAttribute('aria-valuetext')]).toEqual(['3', '12', 'Question 3 sur 12']);
    expect((progress as HTMLProgressElement).value).toBe(3);
  });

  it('after an answer, the next challenge starts fresh and focus lands on its heading', async () => {
    const user = userEvent.setup();
    const { rerender, props } = show();
    await user.click(screen.getByRole('radio', { name: 'Deuxième' }));
    rerender(<ChallengeView {...props} challenge={{ ...base, challengeId: 'ch_next', position: 4 }} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Question 4 sur 12' }));
    expect((screen.getByRole('radio', { name: 'Deuxième' }) as HTMLInputElement).checked).toBe(false);
  });
});

describe('ChallengeView: the instruction and its media', () => {
  it('renders the instruction the station prepared from markdown: no script, no link, no image from the content', () => {
    const { container } = show({ challenge: { ...base, instruction: instructionBlocks('Lis **bien** <script>alert(1)</script> [ici](https://evil.example) ![x](https://evil.example/a.png) <img src=x onerror=alert(1)>') } });
    const instruction = container.querySelector('.challenge-instruction')!;
    expect(within(instruction as HTMLElement).getByText('bien').tagName).toBe('STRONG');
    expect(instruction.querySelector('script, a, img')).toBeNull();
    expect(container.querySelector('a[href], script')).toBeNull();
    expect(instruction.textContent).toContain('<script>alert(1)</script>');
  });

  it('« Afficher la consigne alternative » shows the plain-text alternative on demand (aria-expanded)', async () => {
    const user = userEvent.setup();
    show({ challenge: { ...base, alternativeInstruction: 'Texte <b>simple</b> pour lecteur d’écran.' } });
    const toggle = screen.getByRole('button', { name: 'Afficher la consigne alternative' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Texte <b>simple</b> pour lecteur d’écran.').hidden).toBe(true);
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Masquer la consigne alternative');
    const text = screen.getByText('Texte <b>simple</b> pour lecteur d’écran.');
    expect(text.hidden).toBe(false);
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBe(text);
  });

  it('no alternative, no button', () => {
    show();
    expect(screen.queryByRole('button', { name: /consigne alternative/ })).toBeNull();
  });

  it('the illustration: a calm sentence while it loads, then the image with its alt text', async () => {
    let resolve!: (url: string | null) => void;
    const assets = fakeAssets({ objectUrl: vi.fn(() => new Promise<string | null>((r) => { resolve = r; })) });
    const illustration = { asset: asset('img1', 'schema.svg', 'image/svg+xml'), alt: 'Un schéma du réseau du collège' };
    show({ challenge: { ...base, illustration }, assets });
    expect(screen.getByText('Chargement de l’illustration…')).toBeTruthy();
    expect(assets.objectUrl).toHaveBeenCalledWith(illustration.asset);
    await act(async () => resolve('blob:http://kiosk/abc'));
    const img = screen.getByRole('img', { name: 'Un schéma du réseau du collège' });
    expect(img.getAttribute('src')).toBe('blob:http://kiosk/abc');
  });

  it('an illustration that cannot be had (null, or the blob fails to load) says so calmly', async () => {
    const illustration = { asset: asset('img1', 'schema.svg'), alt: 'Un schéma' };
    show({ challenge: { ...base, illustration }, assets: fakeAssets({ objectUrl: vi.fn(async () => null) }) });
    expect(await screen.findByText(/L’illustration n’est pas disponible pour le moment/)).toBeTruthy();
    cleanup();
    show({ challenge: { ...base, illustration } });
    fireEvent.error(await screen.findByRole('img', { name: 'Un schéma' }));
    expect(screen.getByText(/L’illustration n’est pas disponible pour le moment/)).toBeTruthy();
  });

  it('attachments: one button per format, named by its file name, calling assets.download', async () => {
    const user = userEvent.setup();
    const files = [asset('a1', 'budget.ods'), asset('a2', 'budget.xlsx')];
    const assets = fakeAssets();
    show({ challenge: { ...base, attachment: { assets: files } }, assets });
    expect(screen.getByRole('heading', { level: 2, name: 'Fichier de la question' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Télécharger budget.xlsx' }));
    expect(assets.download).toHaveBeenCalledWith(files[1]);
    expect(screen.getByRole('button', { name: 'Télécharger budget.ods' })).toBeTruthy();
  });

  it('an attachment that cannot be saved says so in a status, calmly', async () => {
    const user = userEvent.setup();
    const assets = fakeAssets({ download: vi.fn(async () => { throw new Error('no'); }) });
    show({ challenge: { ...base, attachment: { assets: [asset('a1', 'lettre.odt')] } }, assets });
    await user.click(screen.getByRole('button', { name: 'Télécharger lettre.odt' }));
    expect(await screen.findByText('Le fichier lettre.odt n’a pas pu être ouvert. Prévenez le surveillant.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('lettre.odt');
  });

  it('an https embed is a sandboxed frame (scripts, never the same origin) with its title and height', () => {
    const { container } = show({ challenge: { ...base, embed: { url: 'https://applis.example/sim', title: 'Simulateur de tableur', height: 480 } } });
    const frame = container.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe('https://applis.example/sim');
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('title')).toBe('Simulateur de tableur');
    expect(frame.getAttribute('height')).toBe('480');
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it.each(['http://applis.example/sim', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '/relative', 'pas une adresse'])('an embed at %j is not shown, and the pupil is told calmly', (url) => {
    const { container } = show({ challenge: { ...base, embed: { url, title: 'Simulateur', height: 300 } } });
    expect(container.querySelector('iframe')).toBeNull();
    expect(screen.getByText(/Le contenu interactif de cette question ne peut pas être affiché ici/)).toBeTruthy();
  });
});

/** The first demo challenge of a type, with a select when asked (QROCM-ind), to answer through the screen. */
function demoChallenge(type: Challenge['type'], predicate: (c: Challenge) => boolean = () => true): Challenge {
  const found = demo.find((c) => c.type === type && c.locales.includes('fr') && predicate(c));
  if (!found) throw new Error(`no demo ${type}`);
  return found;
}

function judged(challenge: Challenge, answer: PupilAnswer): ValidationResult {
  expect(Answer.safeParse(answer).success).toBe(true);
  return validateAnswer(challenge as ValidationChallenge, answer);
}

describe('ChallengeView: answering each type (R-CHAL-2), judged by the station’s validator', () => {
  it('QCU: radio buttons in a fieldset with its legend → {choice}', async () => {
    const user = userEvent.setup();
    const challenge = demoChallenge('QCU');
    const { onAnswer } = show({ challenge: kioskChallenge(challenge) });
    const group = screen.getByRole('group', { name: 'Choisissez une réponse' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.length).toBe(challenge.proposals.split('\n').filter((l) => l.trim()).length);
    if (challenge.type !== 'QCU') throw new Error('type');
    await user.click(radios[Number(challenge.solution.choice) - 1]!);
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer.mock.calls[0]![0]).toEqual({ choice: challenge.solution.choice });
    expect(judged(challenge, onAnswer.mock.calls[0]![0]).status).toBe('ok');
  });

  it('QCM: checkboxes → {choices}', async () => {
    const user = userEvent.setup();
    const challenge = demoChallenge('QCM');
    if (challenge.type !== 'QCM') throw new Error('type');
    const { onAnswer } = show({ challenge: kioskChallenge(challenge) });
    const boxes = within(screen.getByRole('group', { name: 'Choisissez une ou plusieurs réponses' })).getAllByRole('checkbox');
    await user.click(boxes[0]!); // checked then unchecked again when not in the solution
    if (!challenge.solution.choices.includes('1')) await user.click(boxes[0]!);
    for (const choice of challenge.solution.choices) if (choice !== '1') await user.click(boxes[Number(choice) - 1]!);
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(judged(challenge, onAnswer.mock.calls[0]![0]).status).toBe('ok');
  });

  it('QROC: one labelled field inside the text → {value}; a wrong answer is sent as typed', async () => {
    const user = userEvent.setup();
    const challenge = demoChallenge('QROC', (c) => !c.proposals.includes('options='));
    if (challenge.type !== 'QROC') throw new Error('type');
    const { onAnswer } = show({ challenge: kioskChallenge(challenge) });
    const field = within(screen.getByRole('group', { name: 'Votre réponse' })).getByRole('textbox');
    await user.type(field, challenge.solution.variants[0]!.replace(/[{[]/g, (c) => c + c));
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(judged(challenge, onAnswer.mock.calls[0]![0]).status).toBe('ok');
  });

  it('QROC with the long-text format: a textarea', () => {
    show({ challenge: { ...base, type: 'QROC', proposals: 'Explique : ${texte}', format: 'paragraphe' } });
    const area = screen.getByRole('textbox', { name: 'Explique' });
    expect(area.tagName).toBe('TEXTAREA');
  });

  it('QROCM-ind: selects inside the text, each labelled by its line → {values} by key', async () => {
    const user = userEvent.setup();
    const challenge = demoChallenge('QROCM-ind', (c) => c.proposals.includes('options='));
    if (challenge.type !== 'QROCM-ind') throw new Error('type');
    const { onAnswer } = show({ challenge: kioskChallenge(challenge) });
    const group = screen.getByRole('group', { name: 'Vos réponses' });
    const selects = within(group).getAllByRole('combobox');
    expect(selects.length).toBe(Object.keys(challenge.solution.fields).length);
    // The fixture's first field: « rapport.odt : ${f1 options=[…]} ».
    expect(within(group).getByRole('combobox', { name: 'rapport.odt' })).toBe(selects[0]);
    const keys = Object.keys(challenge.solution.fields);
    for (const [index, key] of keys.entries()) await user.selectOptions(selects[index]!, challenge.solution.fields[key]![0]!);
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    const answer = onAnswer.mock.calls[0]![0];
    expect(Object.keys('values' in answer ? answer.values : {})).toEqual(keys);
    expect(judged(challenge, answer).status).toBe('ok');
  });

  it('QROCM-dep: inputs with placeholders and labels → {values}, judged together', async () => {
    const user = userEvent.setup();
    const challenge = demoChallenge('QROCM-dep', (c) => !c.proposals.includes('options='));
    if (challenge.type !== 'QROCM-dep') throw new Error('type');
    const { onAnswer } = show({ challenge: kioskChallenge(challenge) });
    const fields = within(screen.getByRole('group', { name: 'Vos réponses' })).getAllByRole('textbox');
    for (const [index, field] of fields.entries()) {
      const variant = challenge.solution.groups[index]?.[0];
      if (variant) await user.type(field, variant.replace(/[{[]/g, (c) => c + c));
    }
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(judged(challenge, onAnswer.mock.calls[0]![0]).status).toBe('ok');
  });

  it('what the pupil types is text, never HTML', async () => {
    const user = userEvent.setup();
    const { container, onAnswer } = show({ challenge: { ...base, type: 'QROC', proposals: '${r}' } });
    await user.type(screen.getByRole('textbox', { name: 'Votre réponse' }), '<img src=x onerror=alert(1)>');
    expect(container.querySelector('.challenge-proposals img')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(onAnswer).toHaveBeenCalledWith({ value: '<img src=x onerror=alert(1)>' });
  });

  it('every field of every demo challenge has an accessible name', () => {
    for (const challenge of demo.filter((c) => c.type.startsWith('QRO'))) {
      const { unmount } = render(<ChallengeView challenge={kioskChallenge(challenge)} total={12} countdown={null} focusLost={false} assets={fakeAssets()} keeping={false} onAnswer={() => {}} />);
      for (const field of document.querySelectorAll('input, select, textarea')) {
        expect(field.id, challenge.id).not.toBe('');
        const label = document.querySelector(`label[for="${field.id}"]`);
        expect(label?.textContent?.trim(), challenge.id).toBeTruthy();
      }
      unmount();
    }
  });
});

describe('ChallengeView: « Je passe », « Je valide » and the empty answer', () => {
  it('« Je passe » hands {skipped: true} (R-VAL-4)', async () => {
    const user = userEvent.setup();
    const { onAnswer } = show();
    await user.click(screen.getByRole('button', { name: 'Je passe' }));
    expect(onAnswer).toHaveBeenCalledWith({ skipped: true });
  });

  it('« Je valide » with nothing chosen asks first: focus in the dialog, Escape cancels, focus comes back', async () => {
    const user = userEvent.setup();
    const { onAnswer } = show();
    const validate = screen.getByRole('button', { name: 'Je valide' });
    await user.click(validate);
    const dialog = screen.getByRole('alertdialog', { name: 'Vous n’avez pas répondu. Valider quand même ?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Revenir à la question' }));
    // The question behind is inert while the dialog is open; Tab stays in the dialog.
    expect(document.querySelector('.challenge-body')!.hasAttribute('inert')).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Valider sans réponse' }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Revenir à la question' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => {});
    expect(document.activeElement).toBe(validate);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('« Revenir à la question » closes it; « Valider sans réponse » hands the empty answer (the station judges it ko)', async () => {
    const user = userEvent.setup();
    const { onAnswer } = show();
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    await user.click(screen.getByRole('button', { name: 'Revenir à la question' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    await user.click(screen.getByRole('button', { name: 'Valider sans réponse' }));
    expect(onAnswer).toHaveBeenCalledWith({ choice: '' });
    expect(validateAnswer({ type: 'QCU', solution: { choice: '1' } }, onAnswer.mock.calls[0]![0]).status).toBe('ko');
  });

  it('white space only is an empty answer too (as the validator reads it)', async () => {
    const user = userEvent.setup();
    const { onAnswer } = show({ challenge: { ...base, type: 'QROC', proposals: '${r}' } });
    await user.type(screen.getByRole('textbox', { name: 'Votre réponse' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('while the answer is being kept, every button waits', async () => {
    const user = userEvent.setup();
    const { rerender, props, onAnswer } = show();
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    rerender(<ChallengeView {...props} keeping />);
    for (const name of ['Valider sans réponse', 'Revenir à la question']) expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    rerender(<ChallengeView {...props} keeping />);
    for (const name of ['Je passe', 'Je valide']) {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      fireEvent.click(button);
    }
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('nothing on the screen says whether the answer was right, before or after « Je valide »', async () => {
    const user = userEvent.setup();
    const { container } = show();
    await user.click(screen.getByRole('radio', { name: 'Premier' }));
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(container.textContent).not.toMatch(/correct|juste|bonne réponse|mauvaise|faux|erreur|right|wrong/i);
  });
});

describe('ChallengeView: timed and focused (R-VAL-5)', () => {
  function clock(totalSeconds: number): Countdown & { set(ms: number): void } {
    let left = totalSeconds * 1000;
    return { totalSeconds, remainingMs: () => left, set(ms) { left = ms; } };
  }
  const live = (container: HTMLElement) => container.querySelector('[aria-live="polite"]')!.textContent;

  it('a visible mm:ss re-read from the flow, spoken at the start, at each minute, 30 s, 10 s and when time is up', async () => {
    vi.useFakeTimers();
    const countdown = clock(78);
    const { container } = show({ challenge: { ...base, timer: { seconds: 78, baseSeconds: 60 } }, countdown });
    const timer = screen.getByRole('timer', { name: 'Temps restant' });
    expect(timer.textContent).toContain('01:18');
    await act(async () => {});
    expect(live(container)).toBe('Il reste 1 minute 18 secondes.');
    const at = async (ms: number) => { countdown.set(ms); await act(async () => { vi.advanceTimersByTime(250); }); };
    await at(75_000);
    expect(timer.textContent).toContain('01:15');
    expect(live(container)).toBe('Il reste 1 minute 18 secondes.');
    await at(60_000);
    expect(live(container)).toBe('Il reste 1 minute.');
    await at(45_000);
    expect(timer.textContent).toContain('00:45');
    expect(live(container)).toBe('Il reste 1 minute.');
    await at(30_000);
    expect(live(container)).toBe('Il reste 30 secondes.');
    await at(9_500);
    expect(live(container)).toBe('Il reste 10 secondes.');
    await at(0);
    expect(live(container)).toBe('Le temps est écoulé : vous pouvez encore répondre.');
    expect(screen.getAllByText('Le temps est écoulé : vous pouvez encore répondre.').length).toBe(2);
    expect(timer.textContent).toContain('00:00');
  });

  it('when time is up the pupil may still answer', async () => {
    const countdown = clock(0);
    const { onAnswer } = show({ challenge: { ...base, timer: { seconds: 30, baseSeconds: 30 } }, countdown });
    expect(screen.getAllByText('Le temps est écoulé : vous pouvez encore répondre.').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('radio', { name: 'Troisième' }));
    fireEvent.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(onAnswer).toHaveBeenCalledWith({ choice: '3' });
  });

  it('a focused challenge that lost focus: a calm status to warn the invigilator and answer anyway', () => {
    const { rerender, props } = show({ challenge: { ...base, focused: true } });
    expect(screen.queryByRole('status')).toBeNull();
    rerender(<ChallengeView {...props} focusLost />);
    expect(screen.getByRole('status').textContent).toBe('La sortie de la fenêtre a été enregistrée. Prévenez le surveillant, puis répondez quand même.');
    expect((screen.getByRole('button', { name: 'Je valide' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('the warnings before a timed or a focused challenge', () => {
  it('TimedWarning: the duration with extra time applied, as minutes and seconds, what happens at the end, « Commencer »', async () => {
    const user = userEvent.setup();
    const onBegin = vi.fn();
    render(<TimedWarning challenge={{ ...base, timer: { seconds: 78, baseSeconds: 60 } }} total={12} seconds={78} onBegin={onBegin} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Question 3 sur 12 : question chronométrée' }));
    expect(screen.getByText('Vous aurez 1 minute 18 secondes pour répondre à cette question.')).toBeTruthy();
    expect(screen.getByText(/Quand le temps est écoulé, vous pouvez encore répondre/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Avancement du test' }).getAttribute('aria-valuenow')).toBe('3');
    await user.click(screen.getByRole('button', { name: 'Commencer' }));
    expect(onBegin).toHaveBeenCalledTimes(1);
  });

  it('FocusedWarning: explains, then « Je suis prêt »', async () => {
    const user = userEvent.setup();
    const onReady = vi.fn();
    render(<FocusedWarning challenge={{ ...base, focused: true }} total={12} onReady={onReady} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Question 3 sur 12 : restez dans la fenêtre du test' }));
    expect(screen.getByText(/ne quittez pas la fenêtre du test/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Je suis prêt' }));
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('in English too', () => {
    act(() => localeStore.getState().setLocale('en'));
    render(<TimedWarning challenge={base} total={12} seconds={45} onBegin={() => {}} />);
    expect(screen.getByText('You will have 45 seconds to answer this question.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
  });
});

describe('axe-core in jsdom (no serious or critical violation; contrast is checked in Chromium by the e2e)', () => {
  it('the check itself reports a field without a name and an empty button', async () => {
    const { container } = render(<div><input type="text" /><button type="button" /></div>);
    expect((await seriousViolations(container)).map((v) => v.split(':')[0]).sort()).toEqual(['button-name', 'label']);
  });

  it('every type, with media, alternative, countdown and focus notice', async () => {
    const challenges: KioskChallenge[] = [
      { ...base, alternativeInstruction: 'Autre texte.', illustration: { asset: asset('i', 'a.svg'), alt: 'Un dessin' }, attachment: { assets: [asset('a', 'f.odt'), asset('b', 'f.docx')] }, embed: { url: 'https://e.example', title: 'Appli', height: 300 } },
      ...['QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'].map((type) => kioskChallenge(demoChallenge(type as Challenge['type']))),
    ];
    for (const challenge of challenges) {
      const { container, unmount } = show({ challenge, countdown: { totalSeconds: 60, remainingMs: () => 42_000 }, focusLost: true });
      await screen.findAllByText(/./);
      expect(await seriousViolations(container), challenge.challengeId).toEqual([]);
      unmount();
    }
  });

  it('the confirmation dialog and both warnings', async () => {
    const user = userEvent.setup();
    const { container } = show();
    await user.click(screen.getByRole('button', { name: 'Je valide' }));
    expect(await seriousViolations(container)).toEqual([]);
    cleanup();
    const timed = render(<TimedWarning challenge={base} total={12} seconds={90} onBegin={() => {}} />);
    expect(await seriousViolations(timed.container)).toEqual([]);
    cleanup();
    const focused = render(<FocusedWarning challenge={base} total={12} onReady={() => {}} />);
    expect(await seriousViolations(focused.container)).toEqual([]);
  });
});
