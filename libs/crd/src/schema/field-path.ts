/** One step into a JSON document: an object key or an array index. */
export type PathSegment = string | number;

/** kube's field.Path rendering: `spec.containers[0].name` (keys dotted, indices bracketed). */
export function fieldPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

/**
 * Turns an ajv instancePath (a JSON pointer) into segments, walking `root` to tell array indices
 * from object keys that happen to be numeric.
 */
export function pointerSegments(root: unknown, pointer: string): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}
