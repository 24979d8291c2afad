import { StatusError } from '@app/api-machinery';
import { AdmissionStatus } from '../engine/admission-result.js';

/**
 * What kube-apiserver (1.32, webhookerrors.ToStatusErr) makes of a denying webhook's answer:
 * the message is `admission webhook "<name>" denied the request: <message or reason>`, the code
 * is the answer's (400 when it is below 400), reason and details are the answer's.
 */
export class WebhookDeniedError extends StatusError {
  constructor(
    readonly webhookName: string,
    status: AdmissionStatus | undefined,
    warnings: string[] = [],
  ) {
    const deniedBy = `admission webhook "${webhookName}" denied the request`;
    const explanation = status?.message || status?.reason;
    const code = status && status.code >= 400 ? status.code : 400;
    super(code, status?.reason ?? '', explanation ? `${deniedBy}: ${explanation}` : `${deniedBy} without explanation`, status?.details, warningHeader(warnings));
  }
}

/** kube-apiserver also returns a denied request's warnings, as `Warning: 299 - "..."` values. */
function warningHeader(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  const values = warnings.map((warning) => `299 - "${warning.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`);
  return { Warning: values.join(', ') };
}
