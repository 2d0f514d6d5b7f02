/** "23/11/2027 à 18:15 UTC": dates in French reasons, independent of the machine's locale and time zone. */
export function formatUtc(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} à ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}
