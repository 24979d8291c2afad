import { Controller, Get } from '@nestjs/common';
import { LeaderInfo, LeaderStatusService } from '@app/leader-election';

/** `GET /leader`: this replica's identity and the Lease as it last saw it. Served by every replica. */
@Controller('leader')
export class LeaderController {
  constructor(private readonly leader: LeaderStatusService) {}

  @Get()
  get(): LeaderInfo {
    return this.leader.info();
  }
}
