import { KubeObject, ListMeta } from '../meta/types.js';
import { rfc3339 } from '../time/rfc3339.js';
import { deepClone } from '../util/deep-clone.js';
import { JsonPath } from './jsonpath/jsonpath.js';
import { cellFor } from './table-cells.js';
import { IncludeObjectPolicy, PrinterColumnDefinition, Table, TableCell, TableColumnDefinition, TableGroupVersion, TableRow } from './table.types.js';

/** ObjectMeta's swagger text for `name`, which kube uses as the Name column description. */
export const NAME_COLUMN_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
/** ObjectMeta's swagger text for `creationTimestamp`. */
export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The column apiextensions-apiserver serves when a CRD version declares no printer columns. */
export const DEFAULT_CRD_COLUMNS: readonly PrinterColumnDefinition[] = [
  { name: 'Age', type: 'date', description: CREATION_TIMESTAMP_DESCRIPTION, jsonPath: '.metadata.creationTimestamp' },
];

const NAME_COLUMN: TableColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: NAME_COLUMN_DESCRIPTION, priority: 0 };

/** Input of the table builders: the objects (one for a GET, all items for a LIST). */
export interface TableOptions {
  objects: KubeObject[];
  /** `?includeObject=`; default Metadata. */
  includeObject?: IncludeObjectPolicy;
  /** The list's resourceVersion/continue/remainingItemCount (or the object's resourceVersion). */
  listMeta?: ListMeta;
  /** The Table version the client negotiated; default meta.k8s.io/v1. */
  groupVersion?: TableGroupVersion;
  /** Omit columnDefinitions (TableOptions.noHeaders, watch events after the first). */
  noHeaders?: boolean;
  /** Reference time for `date` columns; default now. */
  now?: Date;
}

/** A CRD version's printer columns; empty or absent means kube's default `Age` column. */
export interface CrdTableOptions extends TableOptions {
  columns?: readonly PrinterColumnDefinition[];
}

/**
 * The Table kube-apiserver returns for custom resources: `Name` then the printer columns.
 * Cells follow apiextensions' table convertor (null when absent, dates as ages). As in kube, a
 * column whose jsonPath does not parse is dropped together with every column after it. Pure.
 */
export function buildTable(options: CrdTableOptions): Table {
  const now = options.now ?? new Date();
  const columns = compileColumns(options.columns?.length ? options.columns : DEFAULT_CRD_COLUMNS);
  const headers = [NAME_COLUMN, ...columns.map(({ definition }) => definition)];
  return assemble(options, headers, (object) => [
    object.metadata?.name ?? '',
    ...columns.map(({ definition, path }) => {
      const results = path.find(object);
      return results.length === 0 ? null : cellFor(definition.type, results[0], now);
    }),
  ]);
}

/** kube's default table convertor (resources without printer columns): Name, Created At. */
export function buildDefaultTable(options: TableOptions): Table {
  const headers: TableColumnDefinition[] = [NAME_COLUMN, { name: 'Created At', type: 'date', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 }];
  return assemble(options, headers, (object) => [object.metadata?.name ?? '', createdAt(object.metadata?.creationTimestamp)]);
}

/** Go formats a zero metav1.Time as `0001-01-01T00:00:00Z`. */
function createdAt(timestamp: string | undefined): string {
  const time = timestamp ? new Date(timestamp) : undefined;
  return time && !Number.isNaN(time.getTime()) ? rfc3339(time) : '0001-01-01T00:00:00Z';
}

interface CompiledColumn {
  definition: TableColumnDefinition;
  path: JsonPath;
}

function compileColumns(columns: readonly PrinterColumnDefinition[]): CompiledColumn[] {
  const compiled: CompiledColumn[] = [];
  for (const column of columns) {
    let path: JsonPath;
    try {
      path = JsonPath.compile(column.jsonPath);
    } catch {
      break;
    }
    const description = column.description || `Custom resource definition column (in JSONPath format): ${column.jsonPath}`;
    compiled.push({ path, definition: { name: column.name, type: column.type, format: column.format ?? '', description, priority: column.priority ?? 0 } });
  }
  return compiled;
}

function assemble(options: TableOptions, headers: TableColumnDefinition[], cells: (object: KubeObject) => TableCell[]): Table {
  const groupVersion = options.groupVersion ?? 'meta.k8s.io/v1';
  return {
    kind: 'Table',
    apiVersion: groupVersion,
    metadata: tableMeta(options.listMeta),
    ...(options.noHeaders ? {} : { columnDefinitions: headers.map((header) => ({ ...header })) }),
    rows: options.objects.map((object): TableRow => ({ cells: cells(object), object: rowObject(object, options.includeObject ?? 'Metadata', groupVersion) })),
  };
}

function tableMeta(listMeta: ListMeta | undefined): ListMeta {
  const meta: ListMeta = {};
  if (listMeta?.resourceVersion !== undefined) meta.resourceVersion = listMeta.resourceVersion;
  if (listMeta?.continue) meta.continue = listMeta.continue;
  if (listMeta?.remainingItemCount !== undefined) meta.remainingItemCount = listMeta.remainingItemCount;
  return meta;
}

function rowObject(object: KubeObject, policy: IncludeObjectPolicy, groupVersion: TableGroupVersion): TableRow['object'] {
  if (policy === 'None') return null;
  if (policy === 'Object') return deepClone(object);
  return { kind: 'PartialObjectMetadata', apiVersion: groupVersion, metadata: deepClone(object.metadata ?? {}) };
}
