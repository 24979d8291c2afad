import { OpenApiParameter } from './openapi.types.js';

type ParamType = 'string' | 'integer' | 'boolean';

function query(name: string, description: string, type: ParamType = 'string'): OpenApiParameter {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

/** A required path parameter (`{namespace}`, `{name}`), as kube-apiserver declares them. */
export function pathParameter(name: 'namespace' | 'name', kind: string): OpenApiParameter {
  const description = name === 'namespace' ? 'object name and auth scope, such as for teams and projects' : `name of the ${kind}`;
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const PRETTY = query('pretty', "If 'true', then the output is pretty printed.");

const RESOURCE_VERSION = query(
  'resourceVersion',
  'resourceVersion sets a constraint on what resource versions a request may be served from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details. Defaults to unset',
);

/** GetOptions. */
export const GET_PARAMETERS: OpenApiParameter[] = [RESOURCE_VERSION];

/** ListOptions: what list, watch and deletecollection accept. */
export const LIST_PARAMETERS: OpenApiParameter[] = [
  query('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag.', 'boolean'),
  query('continue', 'The continue option should be set when retrieving more results from the server. Its value is the metadata.continue of the previous list response; it is opaque.'),
  query('fieldSelector', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  query('labelSelector', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  query('limit', 'limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata.', 'integer'),
  RESOURCE_VERSION,
  query('resourceVersionMatch', 'resourceVersionMatch determines how resourceVersion is applied to list calls. Defaults to unset'),
  query('sendInitialEvents', '`sendInitialEvents=true` may be set together with `watch=true`: the stream then begins with synthetic events for the current state.', 'boolean'),
  query('timeoutSeconds', 'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.', 'integer'),
  query('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.', 'boolean'),
];

const DRY_RUN = query(
  'dryRun',
  'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
);
const FIELD_MANAGER = query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters.');
const FIELD_VALIDATION = query(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are silently dropped. - Warn: each unknown field is reported in a Warning response header (the default). - Strict: the request fails with a BadRequest error if any unknown field is present.',
);

/** CreateOptions and UpdateOptions. */
export const WRITE_PARAMETERS: OpenApiParameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];

/** PatchOptions: kubectl looks for `fieldValidation` here to decide that the server validates. */
export const PATCH_PARAMETERS: OpenApiParameter[] = [
  DRY_RUN,
  FIELD_MANAGER,
  FIELD_VALIDATION,
  query('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.', 'boolean'),
];

/** DeleteOptions given as query parameters. */
export const DELETE_PARAMETERS: OpenApiParameter[] = [
  DRY_RUN,
  query('gracePeriodSeconds', 'The duration in seconds before the object should be deleted. The value zero indicates delete immediately.', 'integer'),
  query('orphanDependents', 'Deprecated: please use the PropagationPolicy. Should the dependent objects be orphaned.', 'boolean'),
  query('propagationPolicy', "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background' (the default for custom resources) and 'Foreground'."),
];
