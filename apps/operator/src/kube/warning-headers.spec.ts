import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WARNING_ITEM_RUNES, warningHeaders } from './warning-headers.js';

describe(warningHeaders.name, () => {
  it('formats each distinct warning as 299 - "text"', () => {
    assert.deepEqual(warningHeaders(['a "b"', 'a "b"', '', 'c\nd']), ['299 - "a \\"b\\""', '299 - "c d"']);
  });

  it('cuts every warning to 256 characters once they pass 4096 in all, then stops adding', () => {
    const texts = Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(97 + i)}`.repeat(300));
    const headers = warningHeaders(texts);
    assert.equal(headers.length, 16); // 14 replayed at 256, then 2 more until 4096
    for (const value of headers) assert.equal(value.length, `299 - ""`.length + WARNING_ITEM_RUNES);
  });

  it('keeps one huge warning short enough for any HTTP client', () => {
    const [value] = warningHeaders([`unknown field "${'x'.repeat(70_000)}"`]);
    assert.ok(value.length < 300);
  });

  it('sends non-ASCII text as its UTF-8 bytes, which Node accepts in a header', () => {
    const [value] = warningHeaders(['unknown field "ǅ😀"']);
    assert.equal(Buffer.from(value, 'latin1').toString('utf8'), '299 - "unknown field \\"ǅ😀\\""');
    assert.doesNotMatch(value, /[^\t\x20-\x7e\x80-\xff]/);
  });
});
