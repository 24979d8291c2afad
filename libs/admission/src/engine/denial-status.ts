import { ForbiddenError, InvalidError, qualifiedResource, StatusCause, StatusError } from '@app/api-machinery';
import { AdmissionAttributes } from '@app/resources';
import { Violation } from '../rules/rule.types.js';
import { isPlainObject } from '../util/json.js';
import { AdmissionStatus } from './admission-result.js';

/**
 * The status a denying webhook answers: 403 Forbidden when a policy is broken, else 422
 * Invalid; one cause per violation, messages in kube-apiserver's field.Error wording.
 */
export function denialStatus(violations: Violation[], attributes: AdmissionAttributes): AdmissionStatus {
  const causes = violations.map((violation) => violation.cause);
  const name = objectName(attributes);
  const error = violations.some((violation) => violation.forbidden)
    ? new ForbiddenError(`${qualifiedResource(attributes.resource)} "${name}" is forbidden: ${summarize(causes)}`, {
        name,
        group: attributes.resource.group || undefined,
        kind: attributes.resource.resource,
        causes,
      })
    : new InvalidError(attributes.kind, name, causes);
  return admissionStatus(error);
}

/** The AdmissionReview form of a StatusError. */
export function admissionStatus(error: StatusError): AdmissionStatus {
  const status: AdmissionStatus = { code: error.code, reason: error.reason, message: error.message, metadata: {} };
  if (error.details && Object.keys(error.details).length > 0) status.details = error.details;
  return status;
}

function summarize(causes: StatusCause[]): string {
  const summary = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message)).join(', ');
  return causes.length > 1 ? `[${summary}]` : summary;
}

function objectName(attributes: AdmissionAttributes): string {
  if (attributes.name) return attributes.name;
  const metadata = isPlainObject(attributes.object) ? attributes.object.metadata : undefined;
  if (!isPlainObject(metadata)) return '';
  return typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
}
