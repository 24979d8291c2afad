import { createHash } from 'node:crypto';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { apiGroups } from '../registry/registry-lookups.js';
import { buildOpenApiDocument, groupVersionPath } from './openapi-document.js';
import { OpenApiV3Index } from './openapi.types.js';

/** A serialized document with kube's hash of it (uppercase hex SHA-512 of the JSON bytes). */
export interface SerializedDocument {
  json: string;
  hash: string;
}

/** kube-openapi's computeETag. */
export function openApiHash(json: string): string {
  return createHash('sha512').update(json).digest('hex').toUpperCase();
}

/**
 * The `/openapi/v3` index and group-version documents for a changing set of definitions. Each
 * document is built once (unknown paths are not cached) and kept until `invalidate()` (call it on every registry change); the
 * index lists every served group-version with its document's current hash. Synchronous, so a
 * caller never sees a document from a different set of definitions than the index.
 */
export class OpenApiV3Documents {
  private documents = new Map<string, SerializedDocument>();
  private indexDocument?: SerializedDocument;

  constructor(private readonly definitions: () => ResourceDefinition[]) {}

  /** Drops every cached document; the next read rebuilds from `definitions()`. */
  invalidate(): void {
    this.documents = new Map();
    this.indexDocument = undefined;
  }

  /** `GET /openapi/v3`. */
  index(): SerializedDocument {
    if (this.indexDocument) return this.indexDocument;
    const index: OpenApiV3Index = { paths: {} };
    const paths = apiGroups(this.definitions())
      .flatMap((group) => group.versions.map((version) => groupVersionPath(group.name, version)))
      .sort();
    for (const path of paths) {
      const document = this.document(path);
      if (document) index.paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${document.hash}` };
    }
    const json = JSON.stringify(index);
    this.indexDocument = { json, hash: openApiHash(json) };
    return this.indexDocument;
  }

  /** `GET /openapi/v3/<path>` (`api/v1`, `apis/<group>/<version>`); undefined for anything not served. */
  document(path: string): SerializedDocument | undefined {
    const cached = this.documents.get(path);
    if (cached) return cached;
    const groupVersion = parseGroupVersionPath(path);
    const document = groupVersion ? buildOpenApiDocument(this.definitions(), groupVersion.group, groupVersion.version) : undefined;
    if (!document) return undefined;
    const json = JSON.stringify(document);
    const entry = { json, hash: openApiHash(json) };
    this.documents.set(path, entry);
    return entry;
  }
}

function parseGroupVersionPath(path: string): { group: string; version: string } | undefined {
  const parts = path.split('/');
  if (parts.length === 2 && parts[0] === 'api') return { group: '', version: parts[1] };
  if (parts.length === 3 && parts[0] === 'apis' && parts[1] !== '') return { group: parts[1], version: parts[2] };
  return undefined;
}
