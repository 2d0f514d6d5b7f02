/**
 * The board's search by name: accents, case and extra spaces do not matter (« lea » finds « Léa MARTIN », « Éloïse »
 * is found by « eloise »). Pure: the board store filters with it.
 */

/** The text as it is compared: letters without their accents (NFD, combining marks removed), lower case, one space between words. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim()
    // Ligatures and letters NFD does not split.
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/đ/g, 'd');
}

/** True when every word typed is found in the pupil's first or last name (in any order); an empty search matches all. */
export function matchesName(candidate: { firstName: string; lastName: string }, query: string): boolean {
  const words = searchKey(query).split(' ').filter((w) => w !== '');
  if (words.length === 0) return true;
  const name = `${searchKey(candidate.firstName)} ${searchKey(candidate.lastName)}`;
  return words.every((w) => name.includes(w));
}
