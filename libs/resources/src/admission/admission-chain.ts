import { KubeObject } from '@app/api-machinery';
import { ResourceRef, UserInfo } from '../client/resource-client.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** What a write looks like to admission: the fields of AdmissionReview v1's request. */
export interface AdmissionAttributes {
  uid: string;
  operation: AdmissionOperation;
  kind: { group: string; version: string; kind: string };
  resource: ResourceRef;
  subResource?: string;
  /** The request's own group/version/kind, when it differs from the converted one. */
  requestKind?: { group: string; version: string; kind: string };
  namespace?: string;
  name: string;
  /** The incoming object (CREATE, UPDATE); absent on DELETE. */
  object?: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  oldObject?: KubeObject;
  dryRun: boolean;
  userInfo: UserInfo;
  /** CreateOptions / UpdateOptions / PatchOptions / DeleteOptions as sent. */
  options?: Record<string, unknown>;
}

export interface MutationOutcome {
  object: KubeObject | undefined;
  warnings: string[];
}

export interface ValidationOutcome {
  warnings: string[];
}

/**
 * The admission chain every API write runs, as kube-apiserver does: `mutate` first, then the
 * resource layer defaults, prunes and schema-validates, then `validate`. A denial is thrown as a
 * StatusError (kube-apiserver's shape for a denying webhook). Must not store anything: it also
 * runs for dryRun requests.
 */
export abstract class AdmissionChain {
  abstract mutate(attributes: AdmissionAttributes): Promise<MutationOutcome>;
  abstract validate(attributes: AdmissionAttributes): Promise<ValidationOutcome>;
}

/** Admits everything unchanged: the default until an admission module is imported. */
export class NoopAdmissionChain extends AdmissionChain {
  async mutate(attributes: AdmissionAttributes): Promise<MutationOutcome> {
    return { object: attributes.object, warnings: [] };
  }
  async validate(): Promise<ValidationOutcome> {
    return { warnings: [] };
  }
}
