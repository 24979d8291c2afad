import { isJsonObject, StatusError } from '@app/api-machinery';
import type { Counter, Histogram } from '@app/metrics';
import type { KubeTransport } from '../client/kube-transport.js';

/**
 * POSTs one review (TokenReview, SubjectAccessReview) to the cluster and returns its `status`
 * (an empty object when the answer has none), counting and timing every call by HTTP status
 * code, `<error>` when no answer came (kube's apiserver_delegated_auth{n,z}_request_* metrics).
 * Rejects as the transport does.
 */
export async function postReview(transport: KubeTransport, path: string, body: unknown, metrics: { total: Counter<string>; duration: Histogram<string> }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const record = (code: string) => {
    metrics.total.inc({ code });
    metrics.duration.observe({ code }, (performance.now() - started) / 1000);
  };
  try {
    const { status, body: answer } = await transport.request<unknown>({ method: 'POST', path, body });
    record(String(status));
    return isJsonObject(answer) && isJsonObject(answer.status) ? answer.status : {};
  } catch (error) {
    record(error instanceof StatusError ? String(error.code) : '<error>');
    throw error;
  }
}
