import { MAX_OBJECT_DEPTH } from '../admission.constants.js';
import { getOwn, isPlainObject, jsonDepth } from '../util/json.js';
import { reviewMessages as msg } from './review.messages.js';

/** Collects the problems of one AdmissionRequest, each prefixed with its field path. */
export class RequestFields {
  readonly problems: string[] = [];

  constructor(private readonly request: Record<string, unknown>) {}

  get(field: string): unknown {
    return getOwn(this.request, field);
  }

  string(field: string, required = false): void {
    const value = this.get(field);
    if (value === undefined || value === null) {
      if (required) this.problems.push(msg.required(`request.${field}`));
    } else if (typeof value !== 'string' || (required && value === '')) {
      this.problems.push(msg.mustBe(`request.${field}`, 'a non-empty string', value));
    }
  }

  boolean(field: string): void {
    const value = this.get(field);
    if (value !== undefined && value !== null && typeof value !== 'boolean') this.problems.push(msg.mustBe(`request.${field}`, 'a boolean', value));
  }

  oneOf(field: string, allowed: readonly string[]): void {
    const value = this.get(field);
    if (value === undefined || value === null) this.problems.push(msg.required(`request.${field}`));
    else if (typeof value !== 'string' || !allowed.includes(value)) this.problems.push(msg.mustBe(`request.${field}`, `one of ${allowed.join(', ')}`, value));
  }

  /** A `{group, version, <last>}` reference such as `kind` or `resource`. */
  groupVersion(field: string, last: 'kind' | 'resource', required: boolean): void {
    const value = this.get(field);
    if (value === undefined || value === null) {
      if (required) this.problems.push(msg.required(`request.${field}`));
      return;
    }
    if (!isPlainObject(value)) return void this.problems.push(msg.mustBe(`request.${field}`, 'an object', value));
    for (const key of ['group', 'version', last]) {
      const member = getOwn(value, key);
      const ok = typeof member === 'string' && (key === 'group' || member !== '');
      if (!ok) this.problems.push(msg.mustBe(`request.${field}.${key}`, key === 'group' ? 'a string' : 'a non-empty string', member));
    }
  }

  /** A JSON object (`object`, `oldObject`, `options`), bounded in depth; required when asked. */
  object(field: string, required: string | undefined): void {
    const value = this.get(field);
    if (value === undefined || value === null) {
      if (required) this.problems.push(msg.requiredFor(`request.${field}`, required));
    } else if (!isPlainObject(value)) {
      this.problems.push(msg.mustBe(`request.${field}`, 'an object', value));
    } else if (jsonDepth(value, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH) {
      this.problems.push(msg.tooDeep(`request.${field}`, MAX_OBJECT_DEPTH));
    }
  }

  userInfo(): void {
    const value = this.get('userInfo');
    if (value === undefined || value === null) return;
    if (!isPlainObject(value)) return void this.problems.push(msg.mustBe('request.userInfo', 'an object', value));
    for (const key of ['username', 'uid']) {
      const member = getOwn(value, key);
      if (member !== undefined && member !== null && typeof member !== 'string') this.problems.push(msg.mustBe(`request.userInfo.${key}`, 'a string', member));
    }
    const groups = getOwn(value, 'groups');
    if (groups !== undefined && groups !== null && !isStringList(groups)) this.problems.push(msg.mustBe('request.userInfo.groups', 'a list of strings', groups));
    const extra = getOwn(value, 'extra');
    if (extra !== undefined && extra !== null && !(isPlainObject(extra) && Object.values(extra).every(isStringList))) {
      this.problems.push(msg.mustBe('request.userInfo.extra', 'a map of string lists', extra));
    }
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
