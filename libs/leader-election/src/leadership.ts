import { BehaviorSubject, Observable } from 'rxjs';

/**
 * Whether this process may act as the controller. `isLeader()` is authoritative at the moment
 * it is called (an elector checks its renew deadline against a monotonic clock, so a process
 * that was paused past its lease answers false before it writes anything); `leading$` emits
 * every transition (and the current value on subscribe).
 */
export abstract class Leadership {
  abstract isLeader(): boolean;
  abstract readonly leading$: Observable<boolean>;
  /** This replica's identity (POD_NAME or hostname plus a random suffix). */
  abstract readonly identity: string;
}

/** A single instance (ENABLE_LEADER_ELECTION=false): leader at once, for ever. */
export class AlwaysLeader extends Leadership {
  private readonly subject = new BehaviorSubject<boolean>(true);
  readonly leading$ = this.subject.asObservable();
  constructor(readonly identity: string) {
    super();
  }
  isLeader(): boolean {
    return true;
  }
}
