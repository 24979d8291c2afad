import { hasOwn } from '../util/json.js';
import { validateLabelValue, validateQualifiedName } from '../validation/qualified-name.js';

/** apimachinery's selection.Operator values. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** The binary operators, in the order apimachinery lists them in parse errors. */
export const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: readonly LabelOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** One term of a label selector: a key, an operator and (sorted, de-duplicated) values. Immutable. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

/** A failure with apimachinery's error text; the public parsers turn it into a BadRequestError. */
export class SelectorError extends Error {}

/**
 * labels.NewRequirement: validates key, operator and values and returns the requirement, or
 * throws a SelectorError whose text is the aggregated field errors kube reports. `path` is the
 * field path prefix (`undefined` prints as kube's nil path).
 */
export function newRequirement(key: string, operator: LabelOperator, values: string[], path?: string): LabelRequirement {
  const errors: string[] = [];
  const keyError = labelKeyError(key, child(path, 'key'));
  if (keyError) errors.push(keyError);
  errors.push(...operatorErrors(operator, values, path));
  values.forEach((value, i) => {
    const problems = validateLabelValue(value);
    if (problems.length > 0) errors.push(invalid(`${child(path, 'values')}[${i}][${key}]`, value, problems.join('; ')));
  });
  if (errors.length > 0) throw new SelectorError(aggregate(errors));
  return { key, operator, values: [...values] };
}

function operatorErrors(operator: LabelOperator, values: string[], path: string | undefined): string[] {
  const valuesPath = child(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalid(valuesPath, values, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? [invalid(valuesPath, values, 'exact-match compatibility requires one single value')] : [];
    case 'exists':
    case '!':
      return values.length !== 0 ? [invalid(valuesPath, values, 'values set must be empty for exists and does not exist')] : [];
    case 'gt':
    case 'lt':
      return integerErrors(values, valuesPath);
    default:
      return [`${child(path, 'operator')}: Unsupported value: ${JSON.stringify(operator)}: supported values: ${VALID_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}`];
  }
}

function integerErrors(values: string[], valuesPath: string): string[] {
  const errors = values.length !== 1 ? [invalid(valuesPath, values, "for 'Gt', 'Lt' operators, exactly one value is required")] : [];
  values.forEach((value, i) => {
    if (parseInt64(value) === undefined) errors.push(invalid(`${valuesPath}[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
  });
  return errors;
}

/** validateLabelKey: the field error text for an invalid key, or undefined. */
export function labelKeyError(key: string, path: string): string | undefined {
  const problems = validateQualifiedName(key);
  return problems.length > 0 ? invalid(path, key, problems.join('; ')) : undefined;
}

/** Requirement.Matches. */
export function requirementMatches(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const has = hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return has && requirement.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !requirement.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    default:
      return has && compareIntegers(requirement, value!);
  }
}

function compareIntegers(requirement: LabelRequirement, value: string): boolean {
  const actual = parseInt64(value);
  const expected = requirement.values.length === 1 ? parseInt64(requirement.values[0]) : undefined;
  if (actual === undefined || expected === undefined) return false;
  return requirement.operator === 'gt' ? actual > expected : actual < expected;
}

/** Requirement.String: `key=value`, `key in (a,b)`, `!key`, ... with values sorted. */
export function requirementToString({ key, operator, values }: LabelRequirement): string {
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const joined = [...values].sort(compareStrings).join(',');
  if (operator === 'in' || operator === 'notin') return `${key} ${operator} (${joined})`;
  const symbol = operator === 'gt' ? '>' : operator === 'lt' ? '<' : operator;
  return `${key}${symbol}${joined}`;
}

/** Byte-wise ordering, as Go's sort.Strings. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64). */
function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** field.Path.Child on a possibly nil root. */
function child(path: string | undefined, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** field.Invalid(...).Error(): `<path>: Invalid value: <value>: <detail>`. */
export function invalid(path: string | undefined, value: unknown, detail: string): string {
  const shown = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(Array.isArray(value) && value.length === 0 ? null : value);
  return `${path ?? '<nil>'}: Invalid value: ${shown}: ${detail}`;
}

/** utilerrors aggregate text: one message as is, several de-duplicated in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
