// What each org received (EMU-23): a bounded list per org, so that a test can assert on the requests its
// code under test sent. Bounded because a long-running emulator must not grow without end.
import { Readable } from 'node:stream';

/** How many requests each org's journal keeps: the newest (EMU-23). */
export const JOURNAL_LIMIT = 1000;

/** One journalled request and its answer (EMU-23). */
export interface JournalEntry {
  readonly method: string;
  readonly path: string;
  readonly query: unknown;
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
  readonly time: string;
}

/** The journals of every org, by org id, each the last `JOURNAL_LIMIT` requests, newest last (EMU-23). */
export class RequestJournal {
  private readonly byOrg = new Map<string, JournalEntry[]>();

  record(orgId: string, entry: JournalEntry): void {
    let list = this.byOrg.get(orgId);
    if (list === undefined) this.byOrg.set(orgId, (list = []));
    // A streamed answer (an event-log export) is not kept: it may be larger than any journal should be.
    list.push(entry.response instanceof Readable ? { ...entry, response: '<stream>' } : entry);
    if (list.length > JOURNAL_LIMIT) list.splice(0, list.length - JOURNAL_LIMIT);
  }

  list(orgId: string, filter: { readonly method?: string; readonly path?: string; readonly status?: number }): JournalEntry[] {
    return (this.byOrg.get(orgId) ?? []).filter(
      (e) =>
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || e.path === filter.path) &&
        (filter.status === undefined || e.status === filter.status),
    );
  }

  clear(orgId: string): void {
    this.byOrg.delete(orgId);
  }
}
