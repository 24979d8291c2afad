/**
 * One step of a field path in managedFields' FieldsV1 spelling: `f:<field>`, `k:<json keys>`
 * (an item of a map-type list), `v:<json value>` (an item of a set-type list), `i:<index>`.
 * Path elements are kept canonical (keys sorted) so equal paths are equal strings.
 */
export type PathElement = string;

/** The order structured-merge-diff sorts path elements in: fields, keys, values, indexes. */
const KIND_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

export function keyElement(item: Record<string, unknown>, keys: readonly string[]): PathElement {
  const sorted = [...keys].sort();
  return `k:${JSON.stringify(Object.fromEntries(sorted.map((key) => [key, item[key]])))}`;
}

/**
 * A set of field paths (structured-merge-diff's fieldpath.Set): a tree whose nodes are path
 * elements; `member` marks a path that is itself in the set (FieldsV1's `"."` when the node also
 * has children). Values are never shared between sets: every operation returns a new set.
 */
export class FieldSet {
  member = false;
  readonly children = new Map<PathElement, FieldSet>();

  insert(path: readonly PathElement[]): this {
    let node: FieldSet = this;
    for (const element of path) node = node.childOrCreate(element);
    node.member = true;
    return this;
  }

  has(path: readonly PathElement[]): boolean {
    return this.at(path)?.member ?? false;
  }

  at(path: readonly PathElement[]): FieldSet | undefined {
    let node: FieldSet | undefined = this;
    for (const element of path) node = node?.children.get(element);
    return node;
  }

  /** True when no path at all is in the set. */
  isEmpty(): boolean {
    if (this.member) return false;
    for (const child of this.children.values()) if (!child.isEmpty()) return false;
    return true;
  }

  union(other: FieldSet): FieldSet {
    const result = this.clone();
    result.member ||= other.member;
    for (const [element, child] of other.children) {
      const mine = result.children.get(element);
      result.children.set(element, mine ? mine.union(child) : child.clone());
    }
    return result;
  }

  /** Paths of this set that are not paths of `other` (exact paths: descendants are kept). */
  difference(other: FieldSet): FieldSet {
    return this.combine(other, (mine, theirs) => mine && !theirs, true);
  }

  intersection(other: FieldSet): FieldSet {
    return this.combine(other, (mine, theirs) => mine && theirs, false);
  }

  /** This set without the given top-level subtrees (kube's reset fields, e.g. `f:status`). */
  withoutSubtrees(elements: readonly PathElement[]): FieldSet {
    const result = this.clone();
    for (const element of elements) result.children.delete(element);
    return result;
  }

  /** Only the given top-level subtrees of this set. */
  onlySubtrees(elements: readonly PathElement[]): FieldSet {
    const result = new FieldSet();
    for (const element of elements) {
      const child = this.children.get(element);
      if (child) result.children.set(element, child.clone());
    }
    return result;
  }

  /** Every path in the set, in structured-merge-diff's order. */
  paths(prefix: PathElement[] = []): PathElement[][] {
    const out: PathElement[][] = this.member ? [prefix] : [];
    for (const element of sortedElements(this.children.keys())) out.push(...this.children.get(element)!.paths([...prefix, element]));
    return out;
  }

  clone(): FieldSet {
    const copy = new FieldSet();
    copy.member = this.member;
    for (const [element, child] of this.children) copy.children.set(element, child.clone());
    return copy;
  }

  private childOrCreate(element: PathElement): FieldSet {
    let child = this.children.get(element);
    if (!child) this.children.set(element, (child = new FieldSet()));
    return child;
  }

  private combine(other: FieldSet, keep: (mine: boolean, theirs: boolean) => boolean, keepUnmatched: boolean): FieldSet {
    const result = new FieldSet();
    result.member = keep(this.member, other.member);
    for (const [element, child] of this.children) {
      const theirs = other.children.get(element);
      const combined = theirs ? child.combine(theirs, keep, keepUnmatched) : keepUnmatched ? child.clone() : undefined;
      if (combined && !combined.isEmpty()) result.children.set(element, combined);
    }
    return result;
  }
}

export function sortedElements(elements: Iterable<PathElement>): PathElement[] {
  return [...elements].sort((a, b) => (KIND_ORDER[a[0]] ?? 9) - (KIND_ORDER[b[0]] ?? 9) || (a < b ? -1 : a > b ? 1 : 0));
}
