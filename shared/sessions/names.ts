/**
 * R-SESS-4 — names are compared after removing accents, upper-casing and keeping only [0-9A-Z]:
 * "Lefèvre-Dupont" and "LEFEVRE DUPONT" both give "LEFEVREDUPONT". Ligatures œ/æ and ß are spelled out
 * first (our reading: a pupil typing "Coeur" for "Cœur" is the same person).
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE').replace(/ß/g, 'ss')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}
