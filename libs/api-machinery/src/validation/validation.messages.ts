/** apimachinery's util/validation message builders, word for word. */

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

/** `<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')`, including Go's double space. */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const shown = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

/** Length in UTF-8 bytes, as Go's len() counts it. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
