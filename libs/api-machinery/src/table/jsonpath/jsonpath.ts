import { hasOwn, isJsonObject } from '../../util/json.js';
import { parseJsonPath } from './jsonpath-parser.js';
import { FilterOperand, FilterOperator, JsonPathStep } from './jsonpath.types.js';

/**
 * A compiled JSONPath (client-go semantics with missing keys allowed): `find` returns every
 * match in document order, `[]` when nothing matches or a step does not apply (index out of
 * range, field of a non-object). Pure; safe to reuse across objects.
 */
export class JsonPath {
  private constructor(
    readonly source: string,
    private readonly steps: JsonPathStep[],
  ) {}

  /** Throws JsonPathSyntaxError for an expression client-go would reject. */
  static compile(expression: string): JsonPath {
    return new JsonPath(expression, parseJsonPath(expression));
  }

  /** Every value the path selects in `data`, in document order. */
  find(data: unknown): unknown[] {
    return evaluate(this.steps, [data]);
  }
}

function evaluate(steps: JsonPathStep[], input: unknown[]): unknown[] {
  return steps.reduce((values, step) => values.flatMap((value) => applyStep(step, value)), input);
}

function applyStep(step: JsonPathStep, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isJsonObject(value) && hasOwn(value, step.name) && value[step.name] !== undefined ? [value[step.name]] : [];
    case 'wildcard':
      return children(value);
    case 'recursive':
      return descendants(value);
    case 'slice':
      return Array.isArray(value) ? slice(value, step) : [];
    case 'union':
      return step.branches.flatMap((branch) => evaluate(branch, [value]));
    case 'filter':
      return Array.isArray(value) ? value.filter((item) => passes(step, item)) : [];
  }
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isJsonObject(value) ? Object.values(value).filter((v) => v !== undefined) : [];
}

/** The value and every nested container below it, pre-order (client-go's `..`). */
function descendants(value: unknown): unknown[] {
  const inner = children(value);
  return inner.length === 0 ? [] : [value, ...inner.flatMap(descendants)];
}

function slice(array: unknown[], { start, end, step, single }: Extract<JsonPathStep, { kind: 'slice' }>): unknown[] {
  const length = array.length;
  const from = normalise(start ?? 0, length);
  if (single) return from >= 0 && from < length ? [array[from]] : [];
  const to = end === undefined ? length : normalise(end, length);
  if (from === to) return [];
  if (from < 0 || from >= length || to < 0 || to > length || from > to || (step !== undefined && step <= 0)) return [];
  const picked: unknown[] = [];
  for (let i = from; i < to; i += step ?? 1) picked.push(array[i]);
  return picked;
}

function normalise(index: number, length: number): number {
  return index < 0 ? index + length : index;
}

function passes(filter: Extract<JsonPathStep, { kind: 'filter' }>, item: unknown): boolean {
  const lefts = evaluate(filter.left, [item]);
  if (!filter.operator) return lefts.length > 0;
  const rights = operandValues(filter.right!, item);
  return lefts.some((left) => rights.some((right) => compare(left, filter.operator!, right)));
}

function operandValues(operand: FilterOperand, item: unknown): unknown[] {
  return 'literal' in operand ? [operand.literal] : evaluate(operand.path, [item]);
}

/** Comparisons hold only between values of the same scalar type, as in client-go's template funcs. */
function compare(left: unknown, operator: FilterOperator, right: unknown): boolean {
  const comparable = typeof left === typeof right && ['string', 'number', 'boolean'].includes(typeof left);
  if (operator === '==') return comparable ? left === right : left === null && right === null;
  if (operator === '!=') return comparable && left !== right;
  if (!comparable || typeof left === 'boolean') return false;
  const [a, b] = [left as string | number, right as string | number];
  return operator === '<' ? a < b : operator === '>' ? a > b : operator === '<=' ? a <= b : a >= b;
}
