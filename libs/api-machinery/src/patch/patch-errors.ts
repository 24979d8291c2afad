import { StatusError } from '../errors/status-error.js';

/**
 * A well-formed JSON patch that cannot be applied to the current object (missing path, failed
 * `test`, index out of range). kube-apiserver answers these with a generic 422 `Invalid` whose
 * message hides the cause; `detail` keeps it for logs.
 */
export class JsonPatchApplyError extends StatusError {
  constructor(readonly detail: string) {
    super(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  }
}
