/**
 * Deepest nesting of arrays and objects accepted in a request body. The YAML parser recurses per
 * level and runs out of stack near 900 levels (and V8 can abort the whole process instead of
 * throwing when that happens while it compiles a regular expression); the walks over objects
 * downstream (metadata checks, schema validation, admission) recurse too. Real objects nest a few
 * dozen levels.
 */
export const MAX_BODY_DEPTH = 512;

/** True when `value` nests arrays/objects more than `max` levels ({} is 1). Iterative: safe at any depth. */
export function valueDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ node: object; depth: number }> = [];
  if (value !== null && typeof value === 'object') stack.push({ node: value, depth: 1 });
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > max) return true;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child as object, depth: depth + 1 });
    }
  }
  return false;
}

const BLOCK_SCALAR = /[|>][-+0-9]*\s*(?:#.*)?$/;
const COMPACT_INDICATORS = /^(?:[-?:](?:\s+|$))*/;

/**
 * An upper bound on the nesting of a YAML text, computed without parsing it (the parser is what
 * must not see a too-deep text): open block levels (indentation), compact `- - x` indicators and
 * flow brackets. Brackets count even inside quoted scalars, so the bound may be too high for
 * texts with many unbalanced brackets in strings, never too low.
 */
export function yamlDeeperThan(text: string, max: number): boolean {
  let flow = 0;
  const indents: number[] = [];
  let blockScalarIndent = -1;
  for (const line of text.split(/\r?\n/)) {
    const body = line.trimStart();
    const indent = line.length - body.length;
    const inBlockScalar = blockScalarIndent >= 0 && (body === '' || indent > blockScalarIndent);
    if (!inBlockScalar) blockScalarIndent = -1;
    if (!inBlockScalar && flow === 0 && body !== '' && !body.startsWith('#')) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      const compact = COMPACT_INDICATORS.exec(body)![0].replace(/\s/g, '').length;
      if (indents.length + compact > max) return true;
      if (BLOCK_SCALAR.test(body)) blockScalarIndent = indent;
    }
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) {
        if (++flow + indents.length > max) return true;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
    }
  }
  return false;
}
