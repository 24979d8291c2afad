import { StatusError } from '@app/api-machinery';
import { ObjectReference } from '@app/events';
import { ResourceClient } from '@app/resources';
import { LEASE_API_VERSION, LEASE_KIND } from '../leader-election.constants.js';
import { Lease, LeaseLock, LeaseSpec, LeaderElectionRecord } from './lease-lock.js';

/** The three calls a lease lock needs; any ResourceClient for `leases` provides them. */
export type LeaseClient = Pick<ResourceClient<Lease>, 'get' | 'create' | 'update'>;

/**
 * A LeaseLock over a coordination.k8s.io/v1 Lease read and written through a ResourceClient
 * (the embedded store standalone, kube-apiserver in a cluster). Every update carries the
 * resourceVersion last read or written, so the server refuses it (409) when someone else wrote.
 */
export class ResourceLeaseLock extends LeaseLock {
  private lease?: Lease;

  constructor(
    private readonly client: LeaseClient,
    readonly namespace: string,
    readonly name: string,
  ) {
    super();
  }

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }

  async get(): Promise<LeaderElectionRecord | undefined> {
    try {
      this.lease = await this.client.get(this.namespace, this.name);
    } catch (error) {
      if (!(error instanceof StatusError && error.code === 404)) throw error;
      this.lease = undefined;
      return undefined;
    }
    return specToRecord(this.lease.spec ?? {});
  }

  async create(record: LeaderElectionRecord): Promise<void> {
    const lease: Lease = {
      apiVersion: LEASE_API_VERSION,
      kind: LEASE_KIND,
      metadata: { name: this.name, namespace: this.namespace },
      spec: recordToSpec(record),
    };
    this.lease = (await this.client.create(this.namespace, lease)).object;
  }

  async update(record: LeaderElectionRecord): Promise<void> {
    const current = this.lease;
    if (!current?.metadata?.resourceVersion) throw new Error(`lease ${this.describe()} not initialized, call get or create first`);
    const next: Lease = { ...current, metadata: { ...current.metadata }, spec: recordToSpec(record) };
    this.lease = (await this.client.update(this.namespace, next)).object;
  }

  reference(): ObjectReference {
    const meta = this.lease?.metadata;
    return {
      kind: LEASE_KIND,
      apiVersion: LEASE_API_VERSION,
      namespace: this.namespace,
      name: this.name,
      ...(meta?.uid ? { uid: meta.uid } : {}),
      ...(meta?.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    };
  }
}

function specToRecord(spec: LeaseSpec): LeaderElectionRecord {
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime,
    renewTime: spec.renewTime,
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}

function recordToSpec(record: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    ...(record.acquireTime ? { acquireTime: record.acquireTime } : {}),
    ...(record.renewTime ? { renewTime: record.renewTime } : {}),
    leaseTransitions: record.leaseTransitions,
  };
}
