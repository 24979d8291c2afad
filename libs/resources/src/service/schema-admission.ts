import { BadRequestError, KubeObject, StatusCause } from '@app/api-machinery';
import { ResolvedWriteOptions, RequestScope } from './request-scope.js';

/**
 * Prunes unknown fields, applies defaults and validates `object` (in place) against the
 * request version's schema. Unknown fields are an error under `fieldValidation=Strict`
 * (400, kube's strict decoding error), a warning under `Warn`, silent under `Ignore`.
 * Returns the schema's causes; the caller raises them with the metadata causes.
 */
export function admitBySchema(scope: RequestScope, object: KubeObject, options: ResolvedWriteOptions, warnings: string[]): StatusCause[] {
  const check = scope.version.admit(object);
  if (check.unknownFields.length > 0) {
    const unknown = check.unknownFields.map((field) => `unknown field "${field}"`);
    if (options.fieldValidation === 'Strict') {
      const kind = scope.definition.kind;
      throw new BadRequestError(`${kind} in version "${scope.version.name}" cannot be handled as a ${kind}: strict decoding error: ${unknown.join(', ')}`);
    }
    if (options.fieldValidation === 'Warn') warnings.push(...unknown);
  }
  return check.causes;
}
