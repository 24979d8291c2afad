import { KubeObject, StatusCause } from '@app/api-machinery';

/** A CRD additionalPrinterColumn (apiextensions.k8s.io/v1). */
export interface PrinterColumn {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** Outcome of structural pruning, defaulting and validation against a version's schema. */
export interface SchemaCheck {
  /** JSON paths (`spec.foo`) of fields the schema does not know; they have been removed. */
  unknownFields: string[];
  /** One cause per invalid field, kube-apiserver's wording; empty when valid. */
  causes: StatusCause[];
}

/**
 * One served version of a resource: its schema operations and how it prints. The schema
 * functions mutate the object in place and never throw on bad input.
 */
export interface ResourceVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  /** The openAPIV3Schema, as given (for OpenAPI documents and `kubectl explain`). */
  openAPIV3Schema?: Record<string, unknown>;
  printerColumns: PrinterColumn[];
  /**
   * Optional: one raw cell value per `printerColumns` entry (in order, without the leading Name
   * column), for columns a JSONPath cannot express (an Event's `Object` is `kind/name`). Values
   * are what the column's JSONPath would yield (dates stay RFC 3339 strings). Absent: evaluate
   * each column's `jsonPath`.
   */
  cells?(object: KubeObject): unknown[];
  subresources: { status?: boolean; scale?: ScaleSubresource };
  /** Removes unknown fields, applies defaults, validates. */
  admit(object: KubeObject): SchemaCheck;
}

/**
 * Everything the generic resource code needs to serve one resource, whether it comes from a
 * CustomResourceDefinition or is built in (events, leases, namespaces, CRDs themselves).
 */
export interface ResourceDefinition {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  scope: 'Namespaced' | 'Cluster';
  versions: ResourceVersion[];
  /** The version objects are stored in. */
  storageVersion: string;
  /** Built-ins accept strategic-merge-patch (treated as merge patch); CRDs answer 415. */
  acceptsStrategicMerge: boolean;
  /** Verbs served (discovery and method checks). */
  verbs: string[];
  /** Field selector labels supported besides metadata.name / metadata.namespace. */
  selectableFields: string[];
  /** Converts an object (any served version) to `version`; returns a new object. */
  convert(object: KubeObject, version: string): KubeObject;
  /** Where the object came from: `crd` (user or built-in CRD object) or `builtin`. */
  source: 'crd' | 'builtin';
  /**
   * Optional: the resource's own name rule (kube's per-resource `ValidateObjectMeta` name
   * function, e.g. RBAC's path-segment names), one message per problem, empty when valid.
   * Absent: the name must be a DNS-1123 subdomain. Must accept any value (a body may carry a non-string).
   */
  validateName?(name: unknown): string[];
  /**
   * Optional: a check of kube's REST storage layer for this resource (RBAC's privilege-escalation
   * check), run on every create and update (dryRun too) after mutating admission and before the
   * schema and metadata validation. Refuses by throwing a StatusError; must not store anything.
   */
  validateWrite?(attempt: WriteAttempt): void | Promise<void>;
  /**
   * Optional: the resource's update-only validation (kube's strategy `ValidateUpdate`, e.g. an
   * immutable field), reported in the same 422 Invalid as the schema and metadata causes.
   */
  validateUpdate?(object: KubeObject, old: KubeObject): StatusCause[];
}

/** A create or update as `ResourceDefinition.validateWrite` sees it. */
export interface WriteAttempt {
  operation: 'CREATE' | 'UPDATE';
  /** The object to be written, after mutating admission (the hook may read it, not change it). */
  object: KubeObject;
  /** The stored object (UPDATE). */
  oldObject?: KubeObject;
  /** The request's namespace; '' or undefined for a cluster-scoped resource. */
  namespace?: string;
  /** Who asks, as authentication established it (`system:masters` members included). */
  user: { username: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  dryRun: boolean;
}
