// Sharding that keeps every load journey in every shard. Playwright splits the tests of a run between
// shards (--shard=i/n), so a load journey, one test, would run whole in one shard. Its reporter API lets
// one reporter take the sharding over (Reporter.preprocess → testRun.skipSharding, testRun.exclude): the
// other tests are split as Playwright splits them (fullyParallel: each test is its own group, cut into
// n runs of consecutive tests, the first shards one longer), and a load journey stays in every shard,
// where it runs its segment of the sessions (src/worker/perf/segment.ts).
import type { FullConfig, Suite, TestCase } from '@playwright/test/reporter';
import type { Reporter } from '@playwright/test/reporter';

type TestRun = Parameters<NonNullable<Reporter['preprocess']>>[0]['testRun'];

/** The annotation a load journey's test carries (compileJourney.ts). */
const LOAD_ANNOTATION = 'load';

const isLoad = (test: TestCase): boolean => test.annotations.some((a) => a.type === LOAD_ANNOTATION);

/** The tests this shard runs of `others`, all sharded tests in run order. */
export function shardSlice<T>(others: readonly T[], shard: { current: number; total: number }): T[] {
  const base = Math.floor(others.length / shard.total);
  const longer = others.length % shard.total;
  const from = (shard.current - 1) * base + Math.min(shard.current - 1, longer);
  return others.slice(from, from + base + (shard.current <= longer ? 1 : 0));
}

/** With --shard and at least one load journey: Playwright's split for the others, every load journey kept. */
export function keepLoadsInEveryShard(config: FullConfig, suite: Suite, testRun: TestRun): void {
  const { shard } = config;
  if (!shard || shard.total < 2) return;
  const tests = suite.allTests();
  if (!tests.some(isLoad)) return;
  testRun.skipSharding();
  const kept = new Set(shardSlice(tests.filter((t) => !isLoad(t)), shard));
  for (const test of tests) if (!isLoad(test) && !kept.has(test)) testRun.exclude(test);
}
