/** What controllers import to describe themselves in the API reference: one tag per module, component names, and the composite decorators. */
export { TAG } from './docs.constants.js';
export { KUBE_SCHEMA, SCHEMA } from './operator-schemas.js';
export { ApiStatusResponses } from './status-responses.js';
export { ApiAdmissionReview, ApiJsonOk, ApiProbe, ApiProbeCheck, ApiSseWatch } from './endpoint-docs.js';
