import { KubeObject } from '@app/api-machinery';

/** Where kube-apiserver reaches the operator's conversion webhook (a CRD's `spec.conversion.webhook.clientConfig.service`). */
export interface ConversionWebhookService {
  namespace: string;
  name: string;
  path: string;
  port: number;
}

/** The Service of deploy/kubernetes (base/service.yaml, port `webhook`), path `/convert`. */
export const DEPLOYED_CONVERSION_WEBHOOK: ConversionWebhookService = { namespace: 'elide-system', name: 'application-operator', path: '/convert', port: 443 };

/** The only ConversionReview version declared: kube-apiserver sends the first it supports. */
export const CONVERSION_REVIEW_VERSIONS = ['v1'];

/**
 * The CRD manifest for a cluster: `spec.conversion` set to `strategy: Webhook` calling `service`
 * (no `caBundle`: cert-manager's cainjector, or the installer, fills it in). Pure; returns a new
 * object, the rest of the manifest unchanged.
 */
export function withConversionWebhook(manifest: KubeObject, service: ConversionWebhookService = DEPLOYED_CONVERSION_WEBHOOK): KubeObject {
  const copy = structuredClone(manifest);
  const spec = (copy.spec ?? {}) as Record<string, unknown>;
  spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: [...CONVERSION_REVIEW_VERSIONS], clientConfig: { service: { ...service } } } };
  copy.spec = spec;
  return copy;
}

/**
 * The CRD manifest without `spec.conversion`, for the operator's own server-side apply
 * (INSTALL_CRD): it knows neither the Service kube-apiserver reaches it through nor the CA
 * kube-apiserver should trust, so it leaves the conversion to whoever set it (deploy/kubernetes:
 * the webhook; nobody: kube's default, `None`) and never takes the field over. Pure.
 */
export function withoutConversion(manifest: KubeObject): KubeObject {
  const copy = structuredClone(manifest);
  if (copy.spec && typeof copy.spec === 'object') delete (copy.spec as Record<string, unknown>).conversion;
  return copy;
}
