import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { AdmissionReviewResponse, AdmissionReviewService, ConversionReviewResponse, ConversionReviewService, TlsManager } from '@app/admission';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PathNotFoundError } from '@app/api-machinery';
import { ApiAdmissionReview, ApiStatusResponses, TAG } from '../docs/decorators.js';
import { ApiConversionReview } from './conversion-docs.js';

/**
 * The webhook endpoints kube-apiserver calls: admission (AdmissionReview v1, always answered
 * 200; 400 only for a body that is not an AdmissionReview object at all) and CRD conversion
 * (ConversionReview v1 or v1beta1; 400 for a body that is not one), and the CA bundle for a
 * webhook configuration's or CRD's `caBundle` when the webhook TLS is generated (`auto`).
 */
@ApiTags(TAG.admission)
@Controller()
export class AdmissionController {
  constructor(
    private readonly reviews: AdmissionReviewService,
    private readonly conversions: ConversionReviewService,
    private readonly tls: TlsManager,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validating webhook: replicas, image, registry and tag policies (AdmissionReview v1)' })
  @ApiAdmissionReview('validate')
  validate(@Body() body: unknown): AdmissionReviewResponse {
    return this.reviews.validate(body);
  }

  @Post('mutate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mutating webhook: defaults, managed-by label, admission annotations (AdmissionReview v1, JSONPatch)' })
  @ApiAdmissionReview('mutate')
  mutate(@Body() body: unknown): AdmissionReviewResponse {
    return this.reviews.mutate(body);
  }

  @Post('convert')
  @HttpCode(200)
  @ApiConversionReview()
  convert(@Body() body: unknown): ConversionReviewResponse {
    return this.conversions.convert(body);
  }

  @Get('webhook/ca.crt')
  @ApiOperation({ summary: 'The generated webhook CA bundle (PEM), for a webhook configuration\'s caBundle' })
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: 'PEM certificate(s).', content: { 'application/x-pem-file': { schema: { type: 'string' } } } })
  @ApiStatusResponses([404], { 404: { description: 'No generated CA: WEBHOOK_TLS is not `auto`.', example: new PathNotFoundError('no webhook CA bundle: it is generated only when webhook TLS is "auto" (it is "off")') } })
  caBundle(): StreamableFile {
    return new StreamableFile(Buffer.from(this.tls.requireCaBundle()), { type: 'application/x-pem-file', disposition: 'inline; filename="ca.crt"' });
  }
}
