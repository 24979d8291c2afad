import fc from 'fast-check';

/** Strings that have broken parsers, validators and path handling before. */
export const ODD_STRINGS = [
  '', ' ', 'a', 'A', '-a', 'a-', 'a..b', '.', '..', '../x', 'a/b', 'a%2Fb', '%', '%00', '\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff',
  'ǅ', 'ａ', '😀', 'é', 'ß', 'İ', '\\', '"', "'", ':', '=', '!', ',', 'a\nb', 'a\tb', 'a b', 'null', 'true', '0', '-1', '1e309', '{}', '[]',
  '$(id)', "' OR 1=1 --", '<script>', 'kube-system', 'default', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(253), 'x'.repeat(254), 'x'.repeat(70_000),
];

export const oddString = fc.constantFrom(...ODD_STRINGS);
export const dnsName = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: dnsName },
);

/** Values of every JSON type, including the ones a field does not expect. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, -1e-308, [], {}, '', [null], { '': '' }, JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }),
  anyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(anyString, { maxLength: 4 }),
  fc.dictionary(anyString, anyString, { maxKeys: 4 }),
);

/** A query string value: numbers out of range, enum values in the wrong case, tokens, garbage. */
export const queryValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '1', '2', '500', '99999999999999999999', '1.5', 'abc', 'All', 'all', 'None', 'Strict', 'Warn', 'Ignore', 'strict',
    'true', 'false', 'True', '1s', '-5s', '0s', 'NotOlderThan', 'Exact', 'a=b', 'a!=b', 'metadata.name=x', 'eyJhIjoxfQ', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MX0', 'Background', 'Orphan', 'Foreground'),
  anyString,
);

export const QUERY_KEYS = ['limit', 'continue', 'resourceVersion', 'resourceVersionMatch', 'watch', 'timeoutSeconds', 'fieldValidation', 'dryRun', 'fieldManager', 'labelSelector', 'fieldSelector', 'force', 'pretty', 'propagationPolicy', 'gracePeriodSeconds', 'allowWatchBookmarks', 'sendInitialEvents', 'orphanDependents'];

/** Up to four query parameters, repeated keys included. */
export function queryParams(keys: string[] = QUERY_KEYS): fc.Arbitrary<Array<[string, string]>> {
  return fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: anyString }), queryValue), { maxLength: 4 });
}

const SELECTOR_TOKENS = ['a', 'b', 'app', 'x/y', 'example.com/k', ' in ', ' notin ', '(', ')', '!', '=', '==', '!=', ',', ' ', '1', '-', '_', '.', 'a in (b, c)', 'metadata.name', 'metadata.namespace', 'status.phase', 'spec.replicas', 'involvedObject.name', '>', '<', 'x'.repeat(70)];
export const selector = fc.oneof(fc.array(fc.oneof(fc.constantFrom(...SELECTOR_TOKENS), anyString), { maxLength: 8 }).map((t) => t.join('')), anyString);

const POINTERS = ['', '/', '/metadata', '/metadata/name', '/metadata/labels/a', '/metadata/labels/a~1b', '/metadata/annotations/k', '/spec/replicas', '/spec/-', '/spec/image', '/status', '/metadata/finalizers/-', '/metadata/finalizers/0', '/metadata/resourceVersion', '/~2', '/a/b/c', 'no-slash', '/spec/config/x', '/metadata/managedFields/0', '/spec/config/~0~1', '/0'];
export const pointer = fc.oneof(fc.constantFrom(...POINTERS), fc.array(anyString, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`));

export const jsonPatch: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.record({ op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), wrongValue), path: fc.oneof(pointer, wrongValue), from: pointer, value: wrongValue }, { requiredKeys: [] }), { maxLength: 5 }) },
  { weight: 1, arbitrary: wrongValue },
);

const YAML_TOKENS = ['a:', ' b', '- ', '&x ', '*x', '!!binary ', '!!python/object:os.system ', '!!js/function ', '---\n', '...\n', '{', '}', '[', ']', '? ', ': ', '|', '>', '# c', '"', "'", '\n', '  ', 'null', '~', '<<: *x\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '@', '`', '\t', 'metadata:\n', '  name: x\n', 'spec:\n', '  replicas: ', 'apiVersion: cloudnative.elide.dev/v1\n', 'kind: Application\n'];
export const yamlText = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 40 }).map((t) => t.join(''));

/** Ways to break a JSON text: truncation, stray bytes, comments, duplicate keys, a BOM, invalid UTF-8. */
export type TextDamage = { kind: 'truncate' | 'insert' | 'replace' | 'prefix' | 'suffix'; at: number; text: string } | { kind: 'invalid-utf8'; at: number };
export const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({ kind: fc.constantFrom('truncate', 'insert', 'replace', 'prefix', 'suffix') as fc.Arbitrary<'truncate' | 'insert' | 'replace' | 'prefix' | 'suffix'>, at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom('\ufeff', '//', '/*', ',', '}', ']', '"', 'NaN', 'Infinity', '\u0000', '{"a":1,"a":2}', '\\u', "'"), anyString) }),
  fc.record({ kind: fc.constant('invalid-utf8' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

export function damage(text: string, how: TextDamage): string | Buffer {
  const at = Math.floor(how.at * text.length);
  switch (how.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + how.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + how.text + text.slice(at + how.text.length);
    case 'prefix':
      return how.text + text;
    case 'suffix':
      return text + how.text;
    case 'invalid-utf8': {
      const bytes = Buffer.from(text);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), bytes.subarray(at)]);
    }
  }
}
