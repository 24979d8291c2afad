import { AlreadyExistsError, ConflictError, NotFoundError, ServiceUnavailableError } from '@app/api-machinery';
import type { WriteResult } from '@app/resources';
import { LEASE_RESOURCE } from '../leader-election.constants.js';
import { Lease } from '../lease/lease-lock.js';
import { LeaseClient } from '../lease/resource-lease-lock.js';

/** One write attempt as the store saw it (for assertions on who wrote what). */
export interface LeaseWrite {
  client: string;
  op: 'create' | 'update';
  /** The resourceVersion precondition sent with the write. */
  resourceVersion?: string;
  holderIdentity?: string;
  outcome: 'ok' | 'Conflict' | 'AlreadyExists' | 'NotFound' | 'Unavailable';
  /** The store's clock (Date.now(), mocked in tests) when it was applied. */
  at: number;
}

/**
 * Test double for the Lease store with kube-apiserver's semantics that leader election relies
 * on: a global revision as resourceVersion, create fails with AlreadyExists, update with a
 * stale resourceVersion fails with Conflict. Objects are copied in and out.
 */
export class InMemoryLeaseStore {
  private readonly leases = new Map<string, Lease>();
  private revision = 0;
  readonly writes: LeaseWrite[] = [];

  /** A client view; set `failing` on it to make every call fail with 503 (an unreachable store). */
  client(name: string): InMemoryLeaseClient {
    return new InMemoryLeaseClient(this, name);
  }

  read(namespace: string, name: string): Lease | undefined {
    const lease = this.leases.get(`${namespace}/${name}`);
    return lease ? structuredClone(lease) : undefined;
  }

  /** @internal */
  apply(client: string, op: LeaseWrite['op'], namespace: string, lease: Lease): Lease {
    const name = lease.metadata?.name ?? '';
    const key = `${namespace}/${name}`;
    const existing = this.leases.get(key);
    const precondition = lease.metadata?.resourceVersion;
    const log = (outcome: LeaseWrite['outcome']) =>
      this.writes.push({ client, op, resourceVersion: precondition, holderIdentity: lease.spec?.holderIdentity, outcome, at: Date.now() });
    if (op === 'create' && existing) {
      log('AlreadyExists');
      throw new AlreadyExistsError(LEASE_RESOURCE, name);
    }
    if (op === 'update' && !existing) {
      log('NotFound');
      throw new NotFoundError(LEASE_RESOURCE, name);
    }
    if (op === 'update' && precondition && precondition !== existing?.metadata?.resourceVersion) {
      log('Conflict');
      throw new ConflictError(LEASE_RESOURCE, name);
    }
    const stored: Lease = structuredClone({
      ...lease,
      metadata: { ...existing?.metadata, ...lease.metadata, namespace, resourceVersion: String(++this.revision), uid: existing?.metadata?.uid ?? `uid-${name}` },
    });
    this.leases.set(key, stored);
    log('ok');
    return structuredClone(stored);
  }
}

export class InMemoryLeaseClient implements LeaseClient {
  failing = false;
  readonly ref = LEASE_RESOURCE;

  constructor(
    private readonly store: InMemoryLeaseStore,
    readonly name: string,
  ) {}

  async get(namespace: string | undefined, name: string): Promise<Lease> {
    this.checkReachable();
    const lease = this.store.read(namespace ?? '', name);
    if (!lease) throw new NotFoundError(LEASE_RESOURCE, name);
    return lease;
  }

  async create(namespace: string | undefined, object: Lease): Promise<WriteResult<Lease>> {
    this.checkReachable('create', object);
    return { object: this.store.apply(this.name, 'create', namespace ?? '', object), warnings: [], created: true };
  }

  async update(namespace: string | undefined, object: Lease): Promise<WriteResult<Lease>> {
    this.checkReachable('update', object);
    return { object: this.store.apply(this.name, 'update', namespace ?? '', object), warnings: [] };
  }

  private checkReachable(op?: LeaseWrite['op'], object?: Lease): void {
    if (!this.failing) return;
    if (op) {
      this.store.writes.push({ client: this.name, op, resourceVersion: object?.metadata?.resourceVersion, holderIdentity: object?.spec?.holderIdentity, outcome: 'Unavailable', at: Date.now() });
    }
    throw new ServiceUnavailableError('the store is unreachable');
  }
}
