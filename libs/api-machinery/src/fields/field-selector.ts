import { BadRequestError } from '../errors/status-error.js';
import { compareStrings } from '../labels/label-requirement.js';
import { escapeFieldValue, splitFieldTerm, splitFieldTerms, unescapeFieldValue } from './field-escaping.js';

/** One `field=value` or `field!=value` term (`==` is normalised to `=`, as kube does). */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** Reads one field of an object; `undefined` means absent and compares as ''. */
export type FieldGetter = (field: string) => string | undefined;

/** Raised for a field a resource cannot be selected by. The wire message is kube's. */
export class FieldLabelNotSupportedError extends BadRequestError {
  constructor(
    readonly field: string,
    /** Which resource was asked (for logs); not part of the response. */
    readonly resource?: string,
  ) {
    super(`field label not supported: ${field}`);
  }
}

/**
 * A parsed field selector: the AND of its requirements, in kube's order (terms sorted as text).
 * Immutable; `matches` is pure.
 */
export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  /** True when the selector does not restrict anything. */
  get empty(): boolean {
    return this.requirements.length === 0;
  }

  /** True when every term holds; an absent field reads as ''. */
  matches(get: FieldGetter): boolean {
    return this.requirements.every(({ field, operator, value }) => ((get(field) ?? '') === value) === (operator === '='));
  }

  /** Field names referenced, de-duplicated, in requirement order. */
  fields(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  /** The value an `=` term requires for `field`, if any (kube's RequiresExactMatch). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /**
   * Throws FieldLabelNotSupportedError (400, `field label not supported: <field>`) for the
   * first field, in requirement order, that is not in `allowed`. `describe` names the resource
   * for diagnostics only.
   */
  assertSupported(allowed: readonly string[], describe?: string): void {
    const unsupported = this.requirements.find((r) => !allowed.includes(r.field));
    if (unsupported) throw new FieldLabelNotSupportedError(unsupported.field, describe);
  }

  /** Canonical text with values escaped; parsing it again gives an equal selector. */
  toString(): string {
    return this.requirements.map(({ field, operator, value }) => `${field}${operator}${escapeFieldValue(value)}`).join(',');
  }
}

/**
 * Parses a field selector as apimachinery's fields.ParseSelector: comma-separated terms with
 * `=`, `==` or `!=`, values escaped with `\`. Throws BadRequestError with kube's message.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const terms = splitFieldTerms(text).sort(compareStrings);
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const split = splitFieldTerm(term);
    if (!split) throw new BadRequestError(`invalid selector: '${text}'; can't understand '${term}'`);
    const unescaped = unescapeFieldValue(split.rawValue);
    if ('error' in unescaped) throw new BadRequestError(unescaped.error);
    requirements.push({ field: split.field, operator: split.operator === '!=' ? '!=' : '=', value: unescaped.value });
  }
  return new FieldSelector(requirements);
}
