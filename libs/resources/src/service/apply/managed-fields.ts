import { ManagedFieldsEntry, parseRfc3339 } from '@app/api-machinery';
import { FieldSet } from './field-set.js';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { isObject } from './object-schema.js';

/** One managedFields entry, decoded: who, how, in which version, which fields. */
export interface ManagerFields {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, seconds; absent for an entry whose fields never changed the object. */
  time?: string;
  fields: FieldSet;
}

/** Entries by manager identity (manager, operation, subresource, and the version of an Update). */
export type ManagedFields = Map<string, ManagerFields>;

/** managedFields that cannot be decoded (kube then falls back to the live object's). */
export class ManagedFieldsError extends Error {}

/** Kube's manager identifier: appliers keep one entry whatever version they apply in. */
export function managerIdentity(entry: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([entry.manager, entry.operation, entry.operation === 'Update' ? entry.apiVersion : '', entry.subresource ?? '']);
}

/** Decodes metadata.managedFields; throws ManagedFieldsError for anything kube would refuse to decode. */
export function decodeManagedFields(entries: unknown): ManagedFields {
  const managed: ManagedFields = new Map();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((entry, index) => {
    const decoded = decodeEntry(entry, index);
    managed.set(managerIdentity(decoded), decoded);
  });
  return managed;
}

function decodeEntry(entry: unknown, index: number): ManagerFields {
  if (!isObject(entry)) throw new ManagedFieldsError(`managed fields entry ${index} must be an object`);
  const { manager = '', operation, apiVersion, fieldsType, fieldsV1, subresource, time } = entry;
  if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
  if (typeof apiVersion !== 'string' || apiVersion === '') throw new ManagedFieldsError('apiVersion must not be empty');
  if (fieldsType === undefined || fieldsType === '') throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${index}`);
  if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${index}`);
  if (typeof manager !== 'string' || (subresource !== undefined && typeof subresource !== 'string')) throw new ManagedFieldsError(`invalid managed fields entry ${index}`);
  if (time !== undefined && (typeof time !== 'string' || !parseRfc3339(time))) throw new ManagedFieldsError(`invalid time in managed fields entry ${index}`);
  const fields = decodeFields(fieldsV1 ?? {}, index);
  return { manager, operation, apiVersion, fields, ...(subresource ? { subresource } : {}), ...(time ? { time } : {}) };
}

function decodeFields(fieldsV1: unknown, index: number): FieldSet {
  try {
    return fromFieldsV1(fieldsV1);
  } catch (error) {
    throw new ManagedFieldsError(`error decoding managed fields entry ${index}: ${(error as Error).message}`);
  }
}

/** `managedFields: []` or `[{}]` in a request asks for them to be cleared (kube's reset). */
export function isResetRequest(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isObject(entries[0]) && Object.values(entries[0]).every((value) => value === undefined || value === null || value === '');
}

/** Encodes entries in kube's order (Apply before Update, then oldest first, then by name); undefined when none. */
export function encodeManagedFields(managed: ManagedFields): ManagedFieldsEntry[] | undefined {
  const entries = [...managed.values()].filter((entry) => !entry.fields.isEmpty()).sort(compareEntries).map(encodeEntry);
  return entries.length > 0 ? entries : undefined;
}

function encodeEntry(entry: ManagerFields): ManagedFieldsEntry {
  return {
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    ...(entry.time ? { time: entry.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(entry.fields),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  };
}

function compareEntries(a: ManagerFields, b: ManagerFields): number {
  return (
    compareText(a.operation, b.operation) ||
    seconds(a.time) - seconds(b.time) ||
    compareText(a.manager, b.manager) ||
    compareText(a.apiVersion, b.apiVersion) ||
    compareText(a.subresource ?? '', b.subresource ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function seconds(time: string | undefined): number {
  return time ? Math.floor((parseRfc3339(time)?.getTime() ?? 0) / 1000) : 0;
}

/** Kube keeps at most this many Update entries; older ones merge into `ancient-changes`. */
export const MAX_UPDATE_MANAGERS = 10;

/** Merges the oldest Update entries, per version, into an `ancient-changes` entry until at most `max` remain. */
export function capUpdateManagers(managed: ManagedFields, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.entries()].filter(([, entry]) => entry.operation === 'Update').sort(([ka, a], [kb, b]) => seconds(a.time) - seconds(b.time) || compareText(ka, kb));
  let count = updaters.length;
  const firstByVersion = new Map<string, string>();
  for (const [key, entry] of updaters) {
    if (count <= max) break;
    const bucket = managerIdentity({ manager: 'ancient-changes', operation: 'Update', apiVersion: entry.apiVersion });
    const first = firstByVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstByVersion.set(entry.apiVersion, key);
      continue;
    }
    if (!managed.has(bucket)) {
      managed.set(bucket, { ...managed.get(first)!, manager: 'ancient-changes', subresource: undefined });
      managed.delete(first);
    }
    const merged = managed.get(bucket)!;
    managed.set(bucket, { ...merged, fields: merged.fields.union(entry.fields), time: entry.time });
    managed.delete(key);
    count--;
  }
}
