/**
 * The tag of a container image reference (`nginx:1.27` → `1.27`; `host:5000/app` → `latest`;
 * `app@sha256:...` → undefined, digests have no tag).
 */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at >= 0) return tagOf(image.slice(0, at)) ?? undefined;
  return tagOf(image) ?? 'latest';
}

function tagOf(reference: string): string | null {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? reference.slice(colon + 1) : null;
}
