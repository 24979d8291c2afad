import { KubeObject, ListMeta, ObjectMeta } from '../meta/types.js';

/** The group versions kube serves Table in. */
export type TableGroupVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';

/** meta.k8s.io/v1 TableColumnDefinition. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: integer, number, string, boolean, date. */
  type: string;
  /** OpenAPI format; `name` marks the column holding the object name. */
  format: string;
  description: string;
  /** 0 is shown by default; higher only with `-o wide`. */
  priority: number;
}

/** A cell is any JSON value; `null` is printed by kubectl as `<none>`. */
export type TableCell = string | number | boolean | null | Record<string, unknown> | unknown[];

/** meta.k8s.io/v1 PartialObjectMetadata: an object reduced to its metadata. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: TableGroupVersion;
  metadata: ObjectMeta;
}

/** meta.k8s.io/v1 TableRow; `object` is null when `includeObject=None`. */
export interface TableRow {
  cells: TableCell[];
  object: PartialObjectMetadata | KubeObject | null;
}

/** meta.k8s.io/v1 Table; `columnDefinitions` is omitted with `noHeaders` (later watch events). */
export interface Table {
  kind: 'Table';
  apiVersion: TableGroupVersion;
  metadata: ListMeta;
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

/** `?includeObject=`: what each row's `object` carries. */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

/** A CRD additionalPrinterColumn (apiextensions.k8s.io/v1 CustomResourceColumnDefinition). */
export interface PrinterColumnDefinition {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}
