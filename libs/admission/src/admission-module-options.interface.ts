/** How the webhook endpoints are served over TLS. */
export type WebhookTlsMode = 'auto' | 'files' | 'off';

/** Options of `AdmissionModule.forRoot`; the app fills them from libs/config. */
export interface AdmissionModuleOptions {
  /** YAML policy file, reloaded when it changes; the built-in default policy when unset. */
  policyFile?: string;
  /** Defaults to `files` when both file options are set, else `off`. */
  tls?: WebhookTlsMode;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** HTTPS port of the webhook server (9443 in the app's configuration). */
  webhookPort: number;
  /** Extra SANs of the generated serving certificate (`auto`), besides localhost and 127.0.0.1. */
  dnsNames: string[];
  /** `auto` keeps its CA and serving certificate in `<dataDir>/webhook-tls/`. */
  dataDir: string;
  /** Lifetime of a generated serving certificate; default 90 days. */
  servingCertValiditySeconds?: number;
  /** Lifetime of a generated CA; default 10 years. */
  caValiditySeconds?: number;
  /** How often `auto` checks whether the serving certificate needs rotating; default 1 hour. */
  rotationCheckIntervalMs?: number;
  /** Stat fallback of the policy and certificate file watchers; default 2000 ms. */
  filePollIntervalMs?: number;
}
