/** An OpenAPI 3.0 Schema Object (free-form: kube's extensions are `x-kubernetes-*` keys). */
export type OpenApiSchema = Record<string, unknown>;

/** A group, version and kind, as `x-kubernetes-group-version-kind` lists them. */
export interface OpenApiGvk {
  group: string;
  version: string;
  kind: string;
}

/** An OpenAPI 3.0 Parameter Object as kube-apiserver writes them (query or path, string-typed). */
export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: OpenApiSchema;
}

/** An OpenAPI 3.0 Operation Object with kube's `x-kubernetes-action` and GVK extensions. */
export interface OpenApiOperation {
  tags: string[];
  description: string;
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: OpenApiSchema }>; required?: boolean };
  responses: Record<string, { description: string; content: Record<string, { schema: OpenApiSchema }> }>;
  'x-kubernetes-action': string;
  'x-kubernetes-group-version-kind': OpenApiGvk;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** An OpenAPI 3.0 Path Item Object: parameters shared by all its operations sit on the item. */
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] };

/** The OpenAPI 3.0 document kube-apiserver serves at `/openapi/v3/<api|apis/group>/<version>`. */
export interface OpenApiDocument {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, OpenApiPathItem>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** `GET /openapi/v3`: each group-version path mapped to the URL of its document (with its hash). */
export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}
