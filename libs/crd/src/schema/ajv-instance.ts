import AjvModule, { type Ajv as AjvInstance } from 'ajv';
import formatsModule from 'ajv-formats';
import { kubeFormats } from './kube-formats.js';

const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

/** Formats that only constrain strings in kube-openapi (numeric formats are not range-checked there). */
const NUMERIC_FORMATS = new Set(['int32', 'int64', 'float', 'double']);

let shared: AjvInstance | undefined;

/**
 * The one ajv 8 instance every schema compiles into: all errors, the failing data kept on each
 * error (`verbose`), no coercion, no defaults (defaulting is structural, done before), union
 * types for `x-kubernetes-int-or-string`, unknown keywords ignored (`x-kubernetes-*`).
 */
export function sharedAjv(): AjvInstance {
  if (shared) return shared;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, coerceTypes: false, useDefaults: false, logger: false });
  addFormats(ajv);
  for (const [name, format] of Object.entries(kubeFormats)) ajv.addFormat(name, format);
  shared = ajv;
  return ajv;
}

/** Whether `format` is validated on strings (kube ignores unknown formats silently). */
export function isKnownStringFormat(format: string): boolean {
  return !NUMERIC_FORMATS.has(format) && Object.hasOwn(sharedAjv().formats, format);
}
