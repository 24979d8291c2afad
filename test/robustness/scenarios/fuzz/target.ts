import fc from 'fast-check';
import { FuzzRequest } from './request.js';
import { damage, TextDamage } from './values.js';

export const FUZZ_NAMESPACE = 'fuzz';
export const APPLICATIONS = `/apis/cloudnative.elide.dev/v1/namespaces/${FUZZ_NAMESPACE}/applications`;

/** What a target may use to build a request: the current state of its own Application. */
export interface BuildContext {
  victimName: string;
  victimPath: string;
  /** The victim as last read (undefined when it does not exist). */
  victim?: any;
}

/**
 * One endpoint (or family of endpoints) under fuzz. `build` turns a generated input into a
 * request; targets with `victim` own one Application that the oracle reads before and after
 * every write, and that a refused write must leave exactly as it was.
 */
export interface FuzzTarget<I = any> {
  name: string;
  arbitrary: fc.Arbitrary<I>;
  build(input: I, ctx: BuildContext): FuzzRequest;
  /** This target writes its own Application (created before each input when missing). */
  victim?: boolean;
  /** Another path a refused write must leave unchanged (a create's would-be object). */
  probe?(input: I, ctx: BuildContext): string | undefined;
  /** Share of the profile's runs per endpoint (huge documents are slow). Default 1. */
  weight?: number;
  /** Runs alone, after the others (its inputs are heavy enough to slow every other target down). */
  solo?: boolean;
}

/** A body: the JSON of a value, or that JSON damaged. */
export interface EncodedBody {
  value: unknown;
  damage?: TextDamage;
}

export function encode(body: EncodedBody): string | Buffer {
  const text = JSON.stringify(body.value) ?? 'null';
  return body.damage ? damage(text, body.damage) : text;
}

export function withQuery(request: FuzzRequest, query: Array<[string, string]>): FuzzRequest {
  return { ...request, query };
}

export function validApplication(name: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name, labels: { fuzz: 'true' }, annotations: { note: 'victim' } }, spec: { image: 'nginx:1.25', replicas: 1, config: { a: 'b' } }, ...extra };
}

/** The path of an Application named `name` in the fuzz namespace, if the name can be a path segment. */
export function applicationPath(name: unknown): string | undefined {
  return typeof name === 'string' && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name) ? `${APPLICATIONS}/${name}` : undefined;
}

/** encodeURIComponent that also encodes lone surrogates (as their WTF-8 bytes) instead of throwing. */
export function encodeSegment(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (unit) => {
    try {
      return encodeURIComponent(unit);
    } catch {
      const code = unit.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  });
}
