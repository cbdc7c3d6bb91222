// The clock of one org in the emulator (CLK-4): set by `POST /_emulator/clock` and kept in the org's graph
// (so it is in the log and in snapshots), or following the wall clock. An org that follows the wall clock
// runs what is due when a request touches it, as a write of its own before the request, logged like any.
import { ok, type Result } from 'neverthrow';
import { clockOf, type AdvanceClockResponse, type CustomerGraph, type DomainError } from '../../index';
import type { OrgRuntime } from './org-runtime';

/** The time of a request to the org: the instant its clock was set to, or the wall clock's reading (CLK-4). */
export function orgTime(graph: CustomerGraph, wall: string): string {
  return graph.clock?.set === true ? graph.clock.at : wall;
}

/**
 * Runs what is due by `now` in an org that follows the wall clock (CLK-4), acting as `till`: nothing when
 * the clock is set (setting it ran what was due), when nothing is due yet, or when the wall clock reads
 * earlier than the org's last advance (a clock never moves back). Call inside the org's `serial`.
 */
export async function catchUp(org: OrgRuntime, now: string, till: string): Promise<Result<AdvanceClockResponse | undefined, DomainError>> {
  const graph = org.graph;
  if (graph.clock?.set === true) return ok(undefined);
  if (graph.clock !== null && Date.parse(graph.clock.at) > Date.parse(now)) return ok(undefined);
  const next = clockOf(graph).map((c) => c.nextDue);
  if (next.isErr() || next.value === null || Date.parse(next.value.at) > Date.parse(now)) return ok(undefined);
  const done = await org.commit({ kind: 'advanceClock', set: false, meta: { at: now, till } });
  return done.map((d) => d.response);
}
