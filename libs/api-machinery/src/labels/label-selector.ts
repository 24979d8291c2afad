import { BadRequestError } from '../errors/status-error.js';
import { parseLabelRequirements } from './label-parser.js';
import { compareStrings, LabelRequirement, requirementMatches, requirementToString, SelectorError } from './label-requirement.js';

/**
 * A parsed label selector: the AND of its requirements, sorted by key. Immutable and safe to
 * share; `matches` is pure. `LabelSelector.nothing()` matches no object (a nil metav1 selector).
 */
export class LabelSelector {
  private static readonly EVERYTHING = new LabelSelector([], true);
  private static readonly NOTHING = new LabelSelector([], false);

  private constructor(
    readonly requirements: readonly LabelRequirement[],
    private readonly selectable: boolean,
  ) {}

  /** Matches every object; `empty` is true. */
  static everything(): LabelSelector {
    return LabelSelector.EVERYTHING;
  }

  /** Matches no object; `empty` is false and `toString()` is ''. */
  static nothing(): LabelSelector {
    return LabelSelector.NOTHING;
  }

  /** Builds a selector from already validated requirements (sorted here by key). */
  static of(requirements: LabelRequirement[]): LabelSelector {
    if (requirements.length === 0) return LabelSelector.EVERYTHING;
    const sorted = [...requirements].sort((a, b) => compareStrings(a.key, b.key));
    return new LabelSelector(Object.freeze(sorted), true);
  }

  /** True when the selector does not restrict anything. */
  get empty(): boolean {
    return this.selectable && this.requirements.length === 0;
  }

  /** True when every requirement holds; `undefined` labels count as none. */
  matches(labels: Record<string, string> | undefined): boolean {
    if (!this.selectable) return false;
    const set = labels ?? {};
    return this.requirements.every((requirement) => requirementMatches(requirement, set));
  }

  /** The value a `key=value`, `key==value` or single-valued `key in (value)` term requires. */
  requiresExactMatch(key: string): string | undefined {
    const requirement = this.requirements.find((r) => r.key === key);
    if (!requirement || !['=', '==', 'in'].includes(requirement.operator)) return undefined;
    return requirement.values.length === 1 ? requirement.values[0] : undefined;
  }

  /** Canonical text (sorted keys and values); parsing it again gives an equal selector. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}

/**
 * Parses kube's label selector grammar (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`,
 * `a`, `!a`, `a>1`, `a<1`, comma = AND). Throws BadRequestError with apimachinery's message.
 */
export function parseLabelSelector(text: string): LabelSelector {
  try {
    return LabelSelector.of(parseLabelRequirements(text));
  } catch (error) {
    if (error instanceof SelectorError) throw new BadRequestError(error.message);
    throw error;
  }
}
