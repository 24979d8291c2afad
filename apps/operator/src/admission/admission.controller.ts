import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { AdmissionReviewResponse, AdmissionReviewService, TlsManager } from '@app/admission';

/**
 * The admission webhook endpoints kube-apiserver calls (AdmissionReview v1, always answered
 * 200; 400 only for a body that is not an AdmissionReview object at all), and the CA bundle
 * for a webhook configuration's `caBundle` when the webhook TLS is generated (`auto`).
 */
@Controller()
export class AdmissionController {
  constructor(
    private readonly reviews: AdmissionReviewService,
    private readonly tls: TlsManager,
  ) {}

  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: unknown): AdmissionReviewResponse {
    return this.reviews.validate(body);
  }

  @Post('mutate')
  @HttpCode(200)
  mutate(@Body() body: unknown): AdmissionReviewResponse {
    return this.reviews.mutate(body);
  }

  @Get('webhook/ca.crt')
  caBundle(): StreamableFile {
    return new StreamableFile(Buffer.from(this.tls.requireCaBundle()), { type: 'application/x-pem-file', disposition: 'inline; filename="ca.crt"' });
  }
}
