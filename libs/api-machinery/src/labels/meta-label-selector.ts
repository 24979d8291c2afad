import { BadRequestError } from '../errors/status-error.js';
import { compareStrings, LabelOperator, LabelRequirement, newRequirement, SelectorError } from './label-requirement.js';
import { LabelSelector } from './label-selector.js';

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** metav1.LabelSelector (the structured form used by scale selectors and workloads). */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const META_OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: `undefined`/null selects nothing, `{}` selects everything.
 * Throws BadRequestError (apimachinery's message) for invalid keys, values or operators.
 */
export function labelSelectorFromMeta(selector: MetaLabelSelector | null | undefined): LabelSelector {
  if (!selector) return LabelSelector.nothing();
  try {
    return LabelSelector.of([...matchLabelRequirements(selector.matchLabels), ...(selector.matchExpressions ?? []).map(expressionRequirement)]);
  } catch (error) {
    if (error instanceof SelectorError) throw new BadRequestError(error.message);
    throw error;
  }
}

function matchLabelRequirements(matchLabels: Record<string, string> | undefined): LabelRequirement[] {
  return Object.keys(matchLabels ?? {})
    .sort(compareStrings)
    .map((key) => newRequirement(key, '=', [matchLabels![key]]));
}

function expressionRequirement(expression: LabelSelectorRequirement): LabelRequirement {
  const operator = Object.prototype.hasOwnProperty.call(META_OPERATORS, expression.operator) ? META_OPERATORS[expression.operator] : undefined;
  if (!operator) throw new SelectorError(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
  return newRequirement(expression.key, operator, [...(expression.values ?? [])]);
}

/**
 * The selector string for an equality-only selector (`a=b,c=d`, keys sorted), as
 * labels.SelectorFromSet(...).String(); '' for no labels.
 */
export function formatLabelSelector(matchLabels: Record<string, string> | undefined): string {
  return Object.keys(matchLabels ?? {})
    .sort(compareStrings)
    .map((key) => `${key}=${matchLabels![key]}`)
    .join(',');
}
