import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOk, SCHEMA, TAG } from '../docs/decorators.js';
import { LeaderInfo, LeaderStatusService } from '@app/leader-election';

/** `GET /leader`: this replica's identity and the Lease as it last saw it. Served by every replica. */
@ApiTags(TAG.leaderElection)
@Controller('leader')
export class LeaderController {
  constructor(private readonly leader: LeaderStatusService) {}

  @Get()
  @ApiOperation({ summary: 'This replica\'s identity and the Lease as it last saw it (served by every replica)' })
  @ApiJsonOk(SCHEMA.leaderInfo)
  get(): LeaderInfo {
    return this.leader.info();
  }
}
