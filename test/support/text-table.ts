/**
 * Parses what `kubectl get` prints (a header, then rows aligned by kubectl's tabwriter) into
 * records keyed by header. Each cell is cut at its header's column, so a row that kubectl did
 * not align under the header yields wrong cells (the alignment is part of what is asserted).
 */
export function parseTable(text: string): Record<string, string>[] {
  const [header, ...rows] = text.replace(/\n+$/, '').split('\n');
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((match) => ({ name: match[0], at: match.index! }));
  return rows.map((row) => {
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      const end = i + 1 < columns.length ? columns[i + 1].at : undefined;
      if (column.at > 0 && row[column.at - 1] !== undefined && row[column.at - 1] !== ' ') {
        throw new Error(`row not aligned under ${column.name}:\n${header}\n${row}`);
      }
      record[column.name] = row.slice(column.at, end).trim();
    });
    return record;
  });
}

/** The header line of a `kubectl get` table, with kubectl's spacing. */
export function headerOf(text: string): string {
  return text.split('\n')[0];
}

/** kubectl's AGE / LAST SEEN cell for something created moments ago (`0s` .. `59s`). */
export const RECENT_AGE = /^\d{1,2}s$/;
