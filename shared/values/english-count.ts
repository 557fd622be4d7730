/** "1 error", "2 errors", "0 errors": an English count with its noun in the right number. */
export function englishCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
