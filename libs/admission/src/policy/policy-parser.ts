import { parseDocument } from 'yaml';
import { hasOwn, isPlainObject } from '../util/json.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { AdmissionPolicy, PolicyDocument } from './policy.types.js';

export type PolicyParseResult = { ok: true; document: PolicyDocument } | { ok: false; errors: string[] };

const MAX_INT32 = 2147483647;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Check = (value: unknown, field: string, errors: string[]) => void;

const POLICY_FIELDS: Record<keyof AdmissionPolicy, Check> = {
  allowedRegistries: stringList,
  blockedImages: stringList,
  maxReplicas: (value, field, errors) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_INT32) {
      errors.push(`${field}: must be an integer between 0 and ${MAX_INT32}`);
    }
  },
  requireTag: boolean,
  warnLatestTag: boolean,
};

/**
 * Parses and validates a policy file: YAML (or JSON), a mapping with only the known keys,
 * each of the right type and range. Unset keys take the built-in defaults. Never throws;
 * reports every problem with its field path.
 */
export function parsePolicy(text: string): PolicyParseResult {
  const parsed = parseDocument(text, { uniqueKeys: true });
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors.map((error) => `YAML: ${error.message.split('\n')[0]}`) };
  const root: unknown = parsed.toJS({ maxAliasCount: 100 });
  if (root === null || root === undefined) return { ok: false, errors: ['the policy file is empty (write `{}` for the built-in defaults)'] };
  if (!isPlainObject(root)) return { ok: false, errors: ['the policy must be a mapping of keys to values'] };
  const errors: string[] = [];
  const overrides = checkPolicy(root, '', ['namespaces'], errors);
  const namespaces = checkNamespaces(root['namespaces'], errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, document: { ...DEFAULT_POLICY, ...overrides, namespaces } };
}

function checkPolicy(map: Record<string, unknown>, prefix: string, extraKeys: string[], errors: string[]): Partial<AdmissionPolicy> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(map)) {
    const field = `${prefix}${key}`;
    if (hasOwn(POLICY_FIELDS, key)) {
      POLICY_FIELDS[key as keyof AdmissionPolicy](map[key], field, errors);
      result[key] = map[key];
    } else if (!extraKeys.includes(key)) {
      errors.push(`${field}: unknown key (known: ${[...Object.keys(POLICY_FIELDS), ...extraKeys].join(', ')})`);
    }
  }
  return result as Partial<AdmissionPolicy>;
}

function checkNamespaces(value: unknown, errors: string[]): Record<string, Partial<AdmissionPolicy>> {
  const namespaces: Record<string, Partial<AdmissionPolicy>> = {};
  if (value === undefined || value === null) return namespaces;
  if (!isPlainObject(value)) {
    errors.push('namespaces: must be a mapping of namespace names to policy overrides');
    return namespaces;
  }
  for (const [name, override] of Object.entries(value)) {
    if (!DNS1123_LABEL.test(name) || name.length > 63) errors.push(`namespaces.${name}: not a valid namespace name (DNS-1123 label)`);
    if (override === null) namespaces[name] = {};
    else if (!isPlainObject(override)) errors.push(`namespaces.${name}: must be a mapping of policy keys`);
    else namespaces[name] = checkPolicy(override, `namespaces.${name}.`, [], errors);
  }
  return namespaces;
}

function stringList(value: unknown, field: string, errors: string[]): void {
  if (!Array.isArray(value)) {
    errors.push(`${field}: must be a list of strings`);
    return;
  }
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '' || /\s/.test(item)) errors.push(`${field}[${index}]: must be a non-empty string without spaces`);
  });
}

function boolean(value: unknown, field: string, errors: string[]): void {
  if (typeof value !== 'boolean') errors.push(`${field}: must be true or false`);
}

/** The policy in force for `namespace`: the document's values with that namespace's overrides on top. */
export function effectivePolicy(document: PolicyDocument, namespace: string | undefined): AdmissionPolicy {
  const { namespaces, ...base } = document;
  const override = namespace !== undefined && hasOwn(namespaces, namespace) ? namespaces[namespace] : {};
  return { ...base, ...override };
}
