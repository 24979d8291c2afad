/** Injection token of the AccessControlModule options. */
export const ACCESS_CONTROL_OPTIONS = 'ACCESS_CONTROL_OPTIONS';

/** Default interval at which token files are checked for changes. */
export const DEFAULT_TOKEN_RELOAD_INTERVAL_MS = 2000;

/** kube-apiserver's Retry-After for a request refused by the in-flight limit. */
export const RETRY_AFTER_SECONDS = 1;
