import { KubeObject, StatusDetails } from '@app/api-machinery';

/** `response.status` of an AdmissionReview (a metav1.Status without kind/apiVersion). */
export interface AdmissionStatus {
  code: number;
  reason: string;
  message: string;
  metadata: Record<string, never>;
  details?: StatusDetails;
}

export interface MutationResult {
  /** A modified copy, or the input itself when no rule applied. */
  object: KubeObject | undefined;
  warnings: string[];
}

export interface ValidationResult {
  allowed: boolean;
  warnings: string[];
  /** Set exactly when `allowed` is false. */
  status?: AdmissionStatus;
}

/** The time source of the tracking annotation. */
export interface AdmissionClock {
  now(): Date;
}
