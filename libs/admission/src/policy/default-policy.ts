import { PolicyDocument } from './policy.types.js';

/**
 * The built-in policy, used when no policy file is configured: any registry, nothing blocked,
 * at most 100 replicas (the seed's bound), tags not required, a warning for `latest`/untagged.
 */
export const DEFAULT_POLICY: Readonly<PolicyDocument> = Object.freeze({
  allowedRegistries: [],
  blockedImages: [],
  maxReplicas: 100,
  requireTag: false,
  warnLatestTag: true,
  namespaces: {},
});

/** The same defaults as YAML, for the README and `GET /`-style debug output. */
export const DEFAULT_POLICY_YAML = `allowedRegistries: []   # empty: any registry
blockedImages: []       # glob patterns, e.g. "*:latest", "docker.io/library/nginx:*"
maxReplicas: 100
requireTag: false
warnLatestTag: true
namespaces: {}          # per-namespace overrides of any key above
`;
