import type { Page } from '@playwright/test';

/**
 * Gives an answer to the challenge on screen, whatever its type, through its controls found by role (R-CHAL-2:
 * QCU radio buttons, QCM checkboxes, QROC/QROCM text fields and select blocks), then presses « Je valide ».
 * The answer is not meant to be right: the kiosk never says whether it is.
 */
export async function answerAndValidate(page: Page, text = 'réponse'): Promise<void> {
  const main = page.getByRole('main');
  const radios = main.getByRole('radio');
  if (await radios.count() > 0) await radios.first().check();
  const boxes = main.getByRole('checkbox');
  if (await boxes.count() > 0) await boxes.first().check();
  for (const field of await main.getByRole('textbox').all()) await field.fill(text);
  for (const select of await main.getByRole('combobox').all()) await select.selectOption({ index: 1 });
  await main.getByRole('button', { name: 'Je valide' }).click();
}
