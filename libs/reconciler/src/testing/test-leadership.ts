import { Leadership } from '@app/leader-election';
import { BehaviorSubject } from 'rxjs';

/** A Leadership a spec flips by hand; `isLeader()` can also disagree with `leading$` (fencing). */
export class TestLeadership extends Leadership {
  private readonly subject: BehaviorSubject<boolean>;
  readonly leading$;
  readonly identity = 'test-replica';
  /** What isLeader() answers; follows setLeading unless set directly. */
  leader: boolean;

  constructor(leading: boolean) {
    super();
    this.leader = leading;
    this.subject = new BehaviorSubject(leading);
    this.leading$ = this.subject.asObservable();
  }

  isLeader(): boolean {
    return this.leader;
  }

  setLeading(leading: boolean): void {
    this.leader = leading;
    this.subject.next(leading);
  }
}
