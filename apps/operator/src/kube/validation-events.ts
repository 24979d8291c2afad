import { Logger } from '@nestjs/common';
import { InvalidError, KubeObject } from '@app/api-machinery';
import { APPLICATION_GROUP } from '@app/crd';
import { EventRecorder, ObjectReference } from '@app/events';
import { RequestScope } from '@app/resources';

/** Event reason of an Application write refused by validation (422 Invalid). */
export const FAILED_VALIDATION_REASON = 'FailedValidation';

export interface RefusedWrite {
  dryRun: boolean;
  /** The request body (a refused create has no stored object: its name comes from here). */
  body: unknown;
  /** Reads the stored object a refused update was about, so the event carries its uid (what `kubectl describe` selects on). */
  stored?: (name: string) => Promise<KubeObject>;
}

const logger = new Logger('ValidationEvents');

/**
 * Records a Warning event `FailedValidation` when a write of an Application (main resource or a
 * subresource) is refused with 422 Invalid, unless the request is a dry run, no recorder is
 * wired, or the body names no object (no name nor generateName: nothing to attach it to). Best effort and fire-and-forget: never throws and never delays the caller, which still
 * answers with the original error. Admission denials are recorded by the admission chain
 * (`AdmissionDenied`), not here.
 */
export function recordValidationFailure(recorder: EventRecorder | undefined, scope: RequestScope, error: unknown, write: RefusedWrite): void {
  if (!recorder || write.dryRun || !(error instanceof InvalidError)) return;
  if (scope.definition.group !== APPLICATION_GROUP || scope.definition.kind !== 'Application') return;
  const ref = reference(scope, error, write.body);
  if (!ref.name) {
    // Nothing to attach the event to (an event needs the object's name): a refused write is
    // the client's business, answered with the 422; not worth more than a debug line.
    logger.debug(`no ${FAILED_VALIDATION_REASON} event for a refused write of an unnamed ${scope.definition.kind}`);
    return;
  }
  const record = (regarding: ObjectReference) => {
    try {
      recorder.record({ regarding, type: 'Warning', reason: FAILED_VALIDATION_REASON, message: error.message, severity: 'Warning' });
    } catch (recordError) {
      logger.warn(`could not record the ${FAILED_VALIDATION_REASON} event: ${(recordError as Error).message}`);
    }
  };
  if (!write.stored) return record(ref);
  write.stored(ref.name).then(
    (object) => record({ ...ref, uid: object.metadata?.uid, resourceVersion: object.metadata?.resourceVersion }),
    () => record(ref),
  );
}

/** The Application the refused write was about; a refused create has no uid. */
function reference(scope: RequestScope, error: InvalidError, body: unknown): ObjectReference {
  const metadata = (body as { metadata?: { name?: unknown; generateName?: unknown } } | undefined)?.metadata;
  const name = error.details?.name || stringOr(metadata?.name) || stringOr(metadata?.generateName) || '';
  const ref: ObjectReference = { kind: scope.definition.kind, apiVersion: `${scope.definition.group}/${scope.version.name}`, name };
  if (scope.namespace) ref.namespace = scope.namespace;
  return ref;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
