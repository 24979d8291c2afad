import { Injectable, Logger } from '@nestjs/common';
import { CrdRegistry } from '@app/crd';
import { AdmissionMetrics } from '../engine/admission-metrics.js';
import { decodeConversionReview } from './conversion-review-decoder.js';
import { convertedReview, failedReview } from './conversion-review-response.js';
import { ConversionRequest, ConversionReviewApiVersion, ConversionReviewResponse } from './conversion-review.types.js';
import { ConversionFailure, convertObjects } from './object-conversion.js';

/** The `operation` label of a conversion in the webhook metrics (`UNKNOWN`: not a ConversionReview). */
export const CONVERSION_OPERATION = 'CONVERT';

/**
 * Answers CRD conversion webhook calls (`POST /convert`, what kube-apiserver sends for a CRD whose
 * `spec.conversion.strategy` is `Webhook`) with the converters the standalone API uses: the
 * objects converted in order, or `result.status: Failure` with a message (HTTP 200 either way),
 * in the ConversionReview apiVersion of the request (v1 or v1beta1), echoing its uid. Throws only
 * BadRequestError, for a body that is not a ConversionReview (the caller answers HTTP 400).
 * Counted in `webhook_requests_total{webhook="convert", operation="CONVERT"}`, `allowed` meaning
 * converted. Stateless and safe to call concurrently.
 */
@Injectable()
export class ConversionReviewService {
  private readonly logger = new Logger(ConversionReviewService.name);

  constructor(
    private readonly registry: CrdRegistry,
    private readonly metrics: AdmissionMetrics,
  ) {}

  convert(body: unknown): ConversionReviewResponse {
    const startedAt = performance.now();
    let decoded: ReturnType<typeof decodeConversionReview>;
    try {
      decoded = decodeConversionReview(body);
    } catch (error) {
      this.metrics.observe('convert', 'UNKNOWN', false, startedAt);
      throw error;
    }
    const answer = decoded.ok ? this.answer(decoded.apiVersion, decoded.request) : failedReview(decoded.apiVersion, decoded.uid, decoded.message);
    this.metrics.observe('convert', CONVERSION_OPERATION, answer.response.result.status === 'Success', startedAt);
    return answer;
  }

  private answer(apiVersion: ConversionReviewApiVersion, request: ConversionRequest): ConversionReviewResponse {
    try {
      return convertedReview(apiVersion, request.uid, convertObjects(this.registry, request.desiredAPIVersion, request.objects));
    } catch (error) {
      if (!(error instanceof ConversionFailure)) this.logger.error(`conversion webhook failed for request ${request.uid}: ${(error as Error).stack ?? String(error)}`);
      return failedReview(apiVersion, request.uid, (error as Error).message ?? String(error));
    }
  }
}
