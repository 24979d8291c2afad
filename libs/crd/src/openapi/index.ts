export type { OpenApiDocument, OpenApiGvk, OpenApiOperation, OpenApiParameter, OpenApiPathItem, OpenApiSchema, OpenApiV3Index } from './openapi.types.js';
export { buildOpenApiDocument, groupVersionPath } from './openapi-document.js';
export { OpenApiV3Documents, openApiHash, type SerializedDocument } from './openapi-v3-documents.js';
export { definitionName, operationIdAndTag } from './openapi-names.js';
export { toOpenApiSchema } from './crd-openapi-schema.js';
