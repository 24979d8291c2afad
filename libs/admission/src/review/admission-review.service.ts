import { Injectable, Logger } from '@nestjs/common';
import { createJsonPatch } from '@app/api-machinery';
import { AdmissionAttributes } from '@app/resources';
import { WebhookLabel } from '../admission.constants.js';
import { AdmissionEngine } from '../engine/admission-engine.js';
import { AdmissionMetrics } from '../engine/admission-metrics.js';
import { AdmissionReviewResponse } from './admission-review.types.js';
import { decodeAdmissionReview } from './review-decoder.js';
import { allowedReview, badRequestReview, deniedReview, internalErrorReview } from './review-response.js';

/**
 * Answers AdmissionReview v1 calls (`POST /validate`, `POST /mutate`) with the same rules the
 * API path runs. Always returns an AdmissionReview echoing the request's uid; throws only
 * BadRequestError, for a body that cannot be decoded at all (the caller answers HTTP 400).
 * Stateless and safe to call concurrently.
 */
@Injectable()
export class AdmissionReviewService {
  private readonly logger = new Logger(AdmissionReviewService.name);

  constructor(
    private readonly engine: AdmissionEngine,
    private readonly metrics: AdmissionMetrics,
  ) {}

  validate(body: unknown): AdmissionReviewResponse {
    return this.handle('validate', body, (attributes) => {
      const result = this.engine.validate(attributes);
      return result.allowed || !result.status
        ? allowedReview(attributes.uid, result.warnings)
        : deniedReview(attributes.uid, result.status, result.warnings);
    });
  }

  /** The patch is the RFC 6902 difference between the request's object and the mutated one. */
  mutate(body: unknown): AdmissionReviewResponse {
    return this.handle('mutate', body, (attributes) => {
      const result = this.engine.mutate(attributes);
      const patch = attributes.object && result.object ? createJsonPatch(attributes.object, result.object) : [];
      return allowedReview(attributes.uid, result.warnings, patch);
    });
  }

  private handle(webhook: WebhookLabel, body: unknown, decide: (attributes: AdmissionAttributes) => AdmissionReviewResponse): AdmissionReviewResponse {
    const startedAt = performance.now();
    let decoded: ReturnType<typeof decodeAdmissionReview>;
    try {
      decoded = decodeAdmissionReview(body);
    } catch (error) {
      this.metrics.observe(webhook, 'UNKNOWN', false, startedAt);
      throw error;
    }
    if (!decoded.ok) {
      this.metrics.observe(webhook, decoded.operation, false, startedAt);
      return badRequestReview(decoded.uid, decoded.message);
    }
    try {
      return decide(decoded.attributes);
    } catch (error) {
      this.logger.error(`${webhook} webhook failed for request ${decoded.attributes.uid}: ${(error as Error).stack ?? String(error)}`);
      this.metrics.observe(webhook, decoded.attributes.operation, false, startedAt);
      return internalErrorReview(decoded.attributes.uid, (error as Error).message ?? String(error));
    }
  }
}
