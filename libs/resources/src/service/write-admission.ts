import { randomUUID } from 'node:crypto';
import { KubeObject } from '@app/api-machinery';
import { AdmissionAttributes, AdmissionChain, AdmissionOperation } from '../admission/admission-chain.js';
import { carrySystemFields, validateMetadata } from './object-meta.js';
import { admitBySchema } from './schema-admission.js';
import { RequestScope, ResolvedWriteOptions } from './request-scope.js';

/**
 * The admission part of every write: mutating admission → schema (prune, default, validate) +
 * metadata rules → validating admission. Runs under dryRun too (admission sees `dryRun`).
 */
export class WriteAdmission {
  constructor(private readonly chain: AdmissionChain) {}

  /** Returns the admitted object; collects admission and field-validation warnings into `warnings`. */
  async admit(scope: RequestScope, operation: AdmissionOperation, object: KubeObject, old: KubeObject | undefined, opts: ResolvedWriteOptions, warnings: string[]): Promise<KubeObject> {
    const mutated = await this.chain.mutate(this.attributes(scope, operation, object, old, opts));
    warnings.push(...mutated.warnings);
    const admitted = mutated.object ?? object;
    if (old) carrySystemFields(admitted, old);
    await scope.definition.validateWrite?.({ operation: old ? 'UPDATE' : 'CREATE', object: admitted, oldObject: old, namespace: scope.namespace, user: scope.user, dryRun: opts.dryRun });
    const schemaCauses = admitBySchema(scope, admitted, opts, warnings);
    const updateCauses = old ? (scope.definition.validateUpdate?.(admitted, old) ?? []) : [];
    validateMetadata(scope, admitted, [...schemaCauses, ...updateCauses]);
    const validated = await this.chain.validate(this.attributes(scope, operation, admitted, old, opts));
    warnings.push(...validated.warnings);
    return admitted;
  }

  /** Validating admission of a DELETE (the object is `old`). */
  async validateDelete(scope: RequestScope, current: KubeObject, opts: ResolvedWriteOptions): Promise<void> {
    await this.chain.validate(this.attributes(scope, 'DELETE', undefined, current, opts));
  }

  private attributes(scope: RequestScope, operation: AdmissionOperation, object: KubeObject | undefined, old: KubeObject | undefined, opts: ResolvedWriteOptions): AdmissionAttributes {
    const definition = scope.definition;
    return {
      uid: randomUUID(),
      operation,
      kind: { group: definition.group, version: scope.version.name, kind: definition.kind },
      resource: { group: definition.group, version: scope.version.name, resource: definition.plural },
      subResource: opts.subresource,
      namespace: scope.namespace,
      name: (object ?? old)?.metadata?.name ?? '',
      object,
      oldObject: old,
      dryRun: opts.dryRun,
      userInfo: scope.user,
      options: { fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation },
    };
  }
}
