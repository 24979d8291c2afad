/** The policy the rules enforce for one namespace. */
export interface AdmissionPolicy {
  /** Registries (or registry path prefixes) images may come from; empty means any. */
  allowedRegistries: string[];
  /** Glob patterns (`*`, `?`) of images that are refused. */
  blockedImages: string[];
  /** Upper bound of `spec.replicas` (inclusive). */
  maxReplicas: number;
  /** Images must carry an explicit tag or digest. */
  requireTag: boolean;
  /** Warn when an image uses the `latest` tag or no tag. */
  warnLatestTag: boolean;
}

/** A policy file: cluster-wide values plus per-namespace overrides (each key replaces the default). */
export interface PolicyDocument extends AdmissionPolicy {
  namespaces: Record<string, Partial<AdmissionPolicy>>;
}

/** Where the policy in force came from, and how the last load went. */
export interface PolicyLoadStatus {
  source: 'builtin' | 'file';
  file?: string;
  /** RFC 3339 time of the last successful load (the built-in default counts at start). */
  lastLoadedAt?: string;
  /** Why the last attempt failed, when it did; cleared by the next good load. */
  lastError?: string;
  lastErrorAt?: string;
}

/** One reload attempt, as reported on `PolicyStore.loads$`. */
export type PolicyLoadEvent = { ok: true; document: PolicyDocument } | { ok: false; error: string };
