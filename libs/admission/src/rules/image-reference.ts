/** A container image reference split the way Docker's reference library normalises it. */
export interface ImageReference {
  /** As written. */
  raw: string;
  /** `docker.io` when the first path segment is not a host (no `.`/`:`, not localhost). */
  registry: string;
  /** Path under the registry (`library/nginx` for Docker Hub's official images). */
  repository: string;
  tag?: string;
  digest?: string;
}

const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';

/** Splits `[registry/]path[:tag][@digest]`; never throws. */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const named = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  const { registry, repository } = splitRegistry(name);
  return { raw: image, registry, repository, tag, digest };
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = isHost ? first : DEFAULT_REGISTRY;
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository };
}

/** `docker.io/library/nginx`: registry and repository, without tag or digest. */
export function fullName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The fully qualified reference, with the implied `latest` tag when there is neither tag nor digest. */
export function fullReference(ref: ImageReference): string {
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  return `${fullName(ref)}${tag !== undefined ? `:${tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/**
 * True when an `allowedRegistries` entry admits the image: the entry is the image's registry
 * (`ghcr.io`) or a path prefix under it (`ghcr.io/elide`). Case-insensitive; `index.docker.io`
 * means `docker.io`.
 */
export function registryAllows(entry: string, ref: ImageReference): boolean {
  let prefix = entry.trim().replace(/\/+$/, '').toLowerCase();
  if (prefix === LEGACY_DEFAULT_REGISTRY || prefix.startsWith(`${LEGACY_DEFAULT_REGISTRY}/`)) {
    prefix = DEFAULT_REGISTRY + prefix.slice(LEGACY_DEFAULT_REGISTRY.length);
  }
  const name = fullName(ref).toLowerCase();
  return prefix.length > 0 && (name === prefix || name.startsWith(`${prefix}/`));
}
