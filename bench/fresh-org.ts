// What a fresh isolated org costs a test suite (EMU-29, issue 13's targets: a fresh org and its client in
// under 1 ms; a 100-test suite in under 2 s). Part 1 times `freshOrg()` plus its first request in-process,
// interleaved with the same request on one long-lived org; part 2 runs bench/fixture-suite's 100-test
// suite and its bare twin with vitest, interleaved. Run: npm run bench:fresh-org (it builds first)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { withEmulator } from '../src/testing';

const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const PER_ROUND = 500;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function perOrg(): Promise<{ fresh: number; reused: number }> {
  const shared = withEmulator();
  const kept = (await shared.freshOrg())._unsafeUnwrap();
  const fresh: number[] = [];
  const reused: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const org = (await shared.freshOrg())._unsafeUnwrap();
      await org.client.search({ q: 'a' });
      await org.dispose();
    }
    fresh.push((performance.now() - t) / PER_ROUND);
    t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await kept.client.search({ q: 'a' });
    reused.push((performance.now() - t) / PER_ROUND);
  }
  await shared.close();
  return { fresh: median(fresh), reused: median(reused) };
}

function suite(file: string): number {
  const t = performance.now();
  const out = spawnSync(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'bench/fixture-suite/vitest.config.ts', file], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stdout + out.stderr);
  return performance.now() - t;
}

const { fresh, reused } = await perOrg();
const withFixture: number[] = [];
const bare: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  withFixture.push(suite('hundred.test.ts'));
  bare.push(suite('hundred-bare.test.ts'));
}
const result = {
  rounds: ROUNDS,
  freshOrgAndFirstRequestMs: Number(fresh.toFixed(3)),
  sameRequestOnAKeptOrgMs: Number(reused.toFixed(3)),
  hundredTestSuiteMs: Math.round(median(withFixture)),
  bareHundredTestSuiteMs: Math.round(median(bare)),
  suiteRatio: Number((median(withFixture) / median(bare)).toFixed(2)),
};
console.log(JSON.stringify(result, null, 2));
