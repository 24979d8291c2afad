import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { apiVersionOf } from '@app/api-machinery';
import { EventRecorder, ObjectReference } from '@app/events';
import { AdmissionAttributes, AdmissionChain, MutationOutcome, ValidationOutcome } from '@app/resources';
import { APPLICATION_KIND, VALIDATING_WEBHOOK_NAME } from '../admission.constants.js';
import { AdmissionEngine } from '../engine/admission-engine.js';
import { valueAt } from '../util/json.js';
import { WebhookDeniedError } from './webhook-denied.error.js';

/** Event reason of a write refused by admission on the operator's own API. */
export const ADMISSION_DENIED_REASON = 'AdmissionDenied';

/**
 * The API path's admission chain, running the same rules as the HTTP webhooks. `mutate`
 * returns a mutated copy (never modifies its input); `validate` throws WebhookDeniedError,
 * exactly what kube-apiserver answers for a denying webhook, and records a Warning event
 * `AdmissionDenied` unless the request is a dry run. Event recording is best effort and never
 * fails the request. Stores nothing. The recorder is looked up on first use when it could not be
 * injected: EventsModule needs the resource layer, which needs this chain (a cycle in which Nest
 * resolves the optional side as undefined).
 */
@Injectable()
export class WebhookAdmissionChain extends AdmissionChain {
  private readonly logger = new Logger(WebhookAdmissionChain.name);

  constructor(
    private readonly engine: AdmissionEngine,
    @Optional() @Inject(EventRecorder) private recorder?: EventRecorder,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {
    super();
  }

  async mutate(attributes: AdmissionAttributes): Promise<MutationOutcome> {
    const { object, warnings } = this.engine.mutate(attributes);
    return { object, warnings };
  }

  async validate(attributes: AdmissionAttributes): Promise<ValidationOutcome> {
    const result = this.engine.validate(attributes);
    if (result.allowed) return { warnings: result.warnings };
    const denial = new WebhookDeniedError(VALIDATING_WEBHOOK_NAME, result.status, result.warnings);
    if (!attributes.dryRun) this.recordDenial(attributes, denial);
    throw denial;
  }

  private recordDenial(attributes: AdmissionAttributes, denial: WebhookDeniedError): void {
    this.recorder ??= this.lookupRecorder();
    if (!this.recorder) return;
    try {
      this.recorder.record({ regarding: regarding(attributes), type: 'Warning', reason: ADMISSION_DENIED_REASON, message: denial.message, severity: 'Warning' });
    } catch (error) {
      this.logger.warn(`could not record the ${ADMISSION_DENIED_REASON} event: ${(error as Error).message}`);
    }
  }

  private lookupRecorder(): EventRecorder | undefined {
    try {
      return this.moduleRef?.get(EventRecorder, { strict: false });
    } catch {
      return undefined;
    }
  }
}

/** The object a denial is about; for a subresource, its parent Application. */
function regarding(attributes: AdmissionAttributes): ObjectReference {
  const { resource, kind } = attributes;
  const reference: ObjectReference = {
    kind: attributes.subResource ? APPLICATION_KIND : kind.kind,
    apiVersion: attributes.subResource ? apiVersionOf(resource.group, resource.version) : apiVersionOf(kind.group, kind.version),
    name: attributes.name || String(valueAt(attributes.object, ['metadata', 'name']) ?? valueAt(attributes.object, ['metadata', 'generateName']) ?? ''),
  };
  const namespace = attributes.namespace ?? valueAt(attributes.object, ['metadata', 'namespace']);
  if (typeof namespace === 'string' && namespace) reference.namespace = namespace;
  // Only a stored object has a real uid: a refused CREATE never gets one.
  const uid = valueAt(attributes.oldObject, ['metadata', 'uid']);
  if (typeof uid === 'string' && uid) reference.uid = uid;
  return reference;
}
