export * from './meta/types.js';
export * from './errors/status-error.js';
export { parseResourceVersion, parseUintError, objectMetaDecodeError } from './meta/resource-version.js';
export { goQuote, goJson, goJsonTypeName, goFloat, goSharpV } from './util/go-format.js';

export type { JsonValue, JsonObject } from './util/json.js';
export { hasOwn, isJsonObject, setOwn } from './util/json.js';
export { deepClone } from './util/deep-clone.js';
export { deepEqual } from './util/deep-equal.js';

export type { LabelOperator, LabelRequirement } from './labels/label-requirement.js';
export { LabelSelector, parseLabelSelector } from './labels/label-selector.js';
export type { LabelSelectorRequirement, MetaLabelSelector } from './labels/meta-label-selector.js';
export { labelSelectorFromMeta, formatLabelSelector } from './labels/meta-label-selector.js';

export type { FieldRequirement, FieldGetter } from './fields/field-selector.js';
export { FieldSelector, FieldLabelNotSupportedError, parseFieldSelector } from './fields/field-selector.js';
export { escapeFieldValue } from './fields/field-escaping.js';

export { applyMergePatch } from './patch/merge-patch.js';
export { applyJsonPatch } from './patch/json-patch.js';
export type { JsonPatchOp, JsonPatchOperation } from './patch/json-patch-decode.js';
export { MAX_JSON_PATCH_OPERATIONS } from './patch/json-patch-decode.js';
export { createJsonPatch } from './patch/json-patch-diff.js';
export { JsonPatchApplyError } from './patch/patch-errors.js';
export { parseJsonPointer, formatJsonPointer, escapeJsonPointerToken } from './patch/json-pointer.js';

export * from './validation/dns.js';
export * from './validation/qualified-name.js';
export * from './validation/names.js';
export * from './validation/object-meta.js';

export { rfc3339, rfc3339Now, microTime, parseRfc3339 } from './time/rfc3339.js';
export { humanDuration, humanAge } from './time/human-duration.js';
export { parseGoDuration, parseDurationOrTime } from './time/go-duration.js';

export * from './table/table.types.js';
export { JsonPath } from './table/jsonpath/jsonpath.js';
export { JsonPathSyntaxError } from './table/jsonpath/jsonpath.types.js';
export type { TableOptions, CrdTableOptions } from './table/table-builder.js';
export {
  buildTable,
  buildDefaultTable,
  DEFAULT_CRD_COLUMNS,
  NAME_COLUMN_DESCRIPTION,
  CREATION_TIMESTAMP_DESCRIPTION,
} from './table/table-builder.js';

export type { MediaRange } from './negotiation/accept.js';
export { parseAccept } from './negotiation/accept.js';
export type { ConversionFilter, NegotiatedMediaType, NegotiationOptions } from './negotiation/negotiate.js';
export { SERVED_MEDIA_TYPES, negotiateMediaType } from './negotiation/negotiate.js';
export {
  PROTOBUF_MEDIA_TYPE,
  allowsTable,
  allowsAggregatedDiscovery,
  negotiatedTableVersion,
  wantsTable,
  wantsAggregatedDiscovery,
  isProtobufOnly,
  includeObjectPolicy,
} from './negotiation/media-helpers.js';
export { decodeKubeProtobuf, KUBE_PROTOBUF_MEDIA_TYPE } from './protobuf/kube-protobuf.js';
export { ProtobufError } from './protobuf/protobuf-reader.js';
