/** One parsed Server-Sent Events block (comments collected separately). */
export interface ParsedSse {
  id?: string;
  event?: string;
  data?: unknown;
  retry?: number;
  comments: string[];
}

/** Parses complete SSE blocks (separated by a blank line) from a stream's text. */
export function parseSse(text: string): ParsedSse[] {
  return text
    .split('\n\n')
    .slice(0, -1)
    .map((block) => {
      const parsed: ParsedSse = { comments: [] };
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        if (field === '') parsed.comments.push(value);
        else if (field === 'id') parsed.id = value;
        else if (field === 'event') parsed.event = value;
        else if (field === 'data') parsed.data = JSON.parse(value);
        else if (field === 'retry') parsed.retry = Number(value);
      }
      return parsed;
    });
}

/** `id` of every change message (ADDED, MODIFIED, DELETED). */
export function changeIds(text: string): string[] {
  return parseSse(text)
    .filter((message) => ['ADDED', 'MODIFIED', 'DELETED'].includes(message.event ?? ''))
    .map((message) => message.id ?? '');
}
