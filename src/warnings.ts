import type { DomainWarning } from './errors';
import type { GraphEvent } from './events';

/** The warnings a successful command reports, derived from its events: 8050 on combine, 8051 on merge (REG-6, CHG-4). */
export function warningsOf(events: readonly GraphEvent[]): DomainWarning[] {
  const out: DomainWarning[] = [];
  for (const event of events) {
    switch (event.kind) {
      case 'SourceProfileCombined':
        out.push({ status: false, code: 8050, message: 'Same Customer found in other sources,Combining' });
        break;
      case 'CustomersMerged':
        if (event.cause !== null) {
          out.push({
            status: false,
            code: 8051,
            message: `Same identifier found in other source. Merging into the account with user id ${event.survivorId}.`,
          });
        }
        break;
      case 'CustomerRegistered':
      case 'CustomerUpdated':
      case 'IdentifierAdded':
      case 'IdentifierRemoved':
      case 'ProgramEnrolled':
      case 'PointsMoved':
      case 'PointsExpired':
      case 'PointsTransferred':
      case 'SubscriptionsChanged':
      case 'CouponIssued':
      case 'CouponRedeemed':
      case 'GoodwillRequested':
      case 'GoodwillResolved':
      case 'PiiDeleted':
        break;
      default: {
        const unreachable: never = event;
        void unreachable;
      }
    }
  }
  return out;
}
