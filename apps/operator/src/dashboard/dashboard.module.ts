import { Module } from '@nestjs/common';
import { DashboardAssets } from './dashboard-assets.js';
import { DashboardController } from './dashboard.controller.js';

/** The live dashboard at `/dashboard` (reads `/`, the Applications list, `/watch`, `/events`, `/leader`, `/debug/queue`, `/metrics`). */
@Module({
  controllers: [DashboardController],
  providers: [DashboardAssets],
})
export class DashboardModule {}
