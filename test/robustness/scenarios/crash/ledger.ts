/** What a client was told about one object: its last acknowledged write. */
export type Acknowledged = { kind: 'written'; resourceVersion: number; hash: string } | { kind: 'deleted'; resourceVersion: number };

/** A stored object as read back after a restart (undefined: absent). */
export interface Observed {
  resourceVersion: number;
  hash: string;
  terminating: boolean;
}

export type Loss = { name: string; why: 'missing' | 'older' | 'content' | 'resurrected'; expected: Acknowledged; observed?: Observed };

/**
 * The acknowledged-writes ledger: the last acknowledged write per object name. The check is
 * etcd-robustness style: an acknowledged write must be readable after a crash as itself or as
 * a later version (resourceVersion greater; equal means identical content); an acknowledged
 * delete must stay deleted (or terminating, while a finalizer holds it).
 */
export class Ledger {
  private readonly entries = new Map<string, Acknowledged>();
  acknowledged = 0;

  written(name: string, resourceVersion: number, hash: string): void {
    this.acknowledged++;
    this.entries.set(name, { kind: 'written', resourceVersion, hash });
  }

  deleted(name: string, resourceVersion: number): void {
    this.acknowledged++;
    this.entries.set(name, { kind: 'deleted', resourceVersion });
  }

  /** The effect of the last request on `name` is unknown: stop checking it. */
  forget(name: string): void {
    this.entries.delete(name);
  }

  snapshot(): Map<string, Acknowledged> {
    return new Map(this.entries);
  }
}

/** Every acknowledged write of `snapshot` that `observed` does not show. */
export function findLosses(snapshot: Map<string, Acknowledged>, observed: Map<string, Observed>): Loss[] {
  const losses: Loss[] = [];
  for (const [name, expected] of snapshot) {
    const found = observed.get(name);
    if (expected.kind === 'deleted') {
      if (found && !found.terminating) losses.push({ name, why: 'resurrected', expected, observed: found });
      continue;
    }
    if (!found) losses.push({ name, why: 'missing', expected });
    else if (found.resourceVersion < expected.resourceVersion) losses.push({ name, why: 'older', expected, observed: found });
    else if (found.resourceVersion === expected.resourceVersion && found.hash !== expected.hash) losses.push({ name, why: 'content', expected, observed: found });
  }
  return losses;
}
