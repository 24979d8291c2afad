import { randomInt } from 'node:crypto';
import { validateDns1123Label, validateDns1123Subdomain } from './dns.js';

/** kube's utilrand alphabet: no vowels (no words), no look-alikes (0/o, 1/l, 3/e). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** Length of the random suffix appended to `generateName`. */
export const NAME_SUFFIX_LENGTH = 5;
/** kube's SimpleNameGenerator keeps at most this many characters of `generateName`. */
export const MAX_GENERATE_NAME_PREFIX_LENGTH = 63 - NAME_SUFFIX_LENGTH;

/**
 * Problems with an object name (DNS-1123 subdomain, at most 253 characters), empty when valid.
 * With `prefix` (a `generateName`), a trailing '-' is allowed, as kube's NameIsDNSSubdomain.
 */
export function validateObjectName(name: string, prefix = false): string[] {
  if (typeof name !== 'string') return ['must be a string']; // a JSON body may carry any type here
  return validateDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
}

/** Problems with a namespace name (DNS-1123 label, at most 63 characters), empty when valid. */
export function validateNamespaceName(name: string, prefix = false): string[] {
  if (typeof name !== 'string') return ['must be a string'];
  return validateDns1123Label(prefix ? maskTrailingDash(name) : name);
}

/** Five random characters from kube's alphabet; uses a CSPRNG. Not unique by itself. */
export function generateNameSuffix(): string {
  let suffix = '';
  for (let i = 0; i < NAME_SUFFIX_LENGTH; i++) suffix += NAME_SUFFIX_ALPHABET[randomInt(NAME_SUFFIX_ALPHABET.length)];
  return suffix;
}

/** kube's SimpleNameGenerator: `generateName` cut to 58 characters plus a random suffix. */
export function generateObjectName(generateName: string): string {
  return generateName.slice(0, MAX_GENERATE_NAME_PREFIX_LENGTH) + generateNameSuffix();
}

/** Replaces a trailing '-' the way apimachinery's maskTrailingDash does (including its quirk). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}
