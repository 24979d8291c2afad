/** One Server-Sent Events message (each field optional); data is JSON-encoded on one line. */
export function sseMessage(fields: { id?: string | number; event?: string; data?: unknown; retry?: number }): string {
  let text = '';
  if (fields.retry !== undefined) text += `retry: ${fields.retry}\n`;
  if (fields.id !== undefined) text += `id: ${fields.id}\n`;
  if (fields.event !== undefined) text += `event: ${fields.event}\n`;
  if (fields.data !== undefined) text += `data: ${JSON.stringify(fields.data)}\n`;
  return `${text}\n`;
}

/** A comment line (ignored by EventSource; keeps proxies from closing an idle stream). */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}
