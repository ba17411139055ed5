// The runner's fault bookkeeping against a Toxiproxy: what a `fault:` document becomes, when each scope
// ends, and that clearing everything leaves the stack's proxies enabled and without toxics.
import { setTimeout as sleep } from 'node:timers/promises';
import { createFaultClient } from '../../src/faults/client.js';
import type { FaultClient } from '../../src/faults/client.js';
import type { FaultDoc } from '../../src/load/journey.js';
import { clearTargets, faultRequest } from '../../src/compile/steps/fault.js';
import { JourneyFaults } from '../../src/worker/faults.js';
import { expect, test } from './support/target.js';
import type { ProxyNames, ToxiproxyTarget } from './support/target.js';

async function setup(toxiproxy: ToxiproxyTarget, names: ProxyNames): Promise<{ client: FaultClient; faults: JourneyFaults; proxy: Record<string, string> }> {
  const client = createFaultClient(toxiproxy.url);
  const proxy = { 'codebase-mcp': names.next('cb'), 'codebase-mcp.db': names.next('cbdb') };
  for (const name of Object.values(proxy)) await client.ensureProxy({ name, listen: `${toxiproxy.host}:0`, upstream: '127.0.0.1:1' });
  return { client, faults: new JourneyFaults(client, proxy), proxy };
}

const add = (faults: JourneyFaults, doc: FaultDoc, owner: object, durationMs?: number) => faults.add(faultRequest(doc, durationMs), owner);

test('each toxic of the language becomes its Toxiproxy toxic, with direction and toxicity', async ({ toxiproxy, names }) => {
  const { client, faults, proxy } = await setup(toxiproxy, names);
  const owner = {};
  const docs: FaultDoc[] = [
    { target: 'codebase-mcp', latency: { ms: 1500, jitter: 100 } },
    { target: 'codebase-mcp', bandwidth: { kbps: 64 }, direction: 'upstream' },
    { target: 'codebase-mcp', slow_close: { delay_ms: 2000 } },
    { target: 'codebase-mcp', timeout: { ms: 0 }, direction: 'both' },
    { target: 'codebase-mcp', reset_peer: { timeout_ms: 100 }, toxicity: 0.5 },
    { target: 'codebase-mcp', slicer: { average_size: 64, size_variation: 32, delay_us: 10 } },
    { target: 'codebase-mcp', limit_data: { bytes: 1024 } },
  ];
  for (const doc of docs) await add(faults, doc, owner);
  const toxics = (await client.listToxics(proxy['codebase-mcp'] ?? '')).map((t) => [t.type, t.stream, t.toxicity, t.attributes]);
  expect(toxics).toEqual(expect.arrayContaining([
    ['latency', 'downstream', 1, { latency: 1500, jitter: 100 }],
    ['bandwidth', 'upstream', 1, { rate: 64 }],
    ['slow_close', 'downstream', 1, { delay: 2000 }],
    ['timeout', 'upstream', 1, { timeout: 0 }],
    ['timeout', 'downstream', 1, { timeout: 0 }],
    ['reset_peer', 'downstream', 0.5, { timeout: 100 }],
    ['slicer', 'downstream', 1, { average_size: 64, size_variation: 32, delay: 10 }],
    ['limit_data', 'downstream', 1, { bytes: 1024 }],
  ]));
  expect(toxics).toHaveLength(8);
  expect(faults.injectedMs('codebase-mcp')).toBe(1500);
  expect(faults.labels()[0]).toBe('codebase-mcp latency 1500ms ±100ms downstream');
  await faults.clearAll();
  expect(await client.listToxics(proxy['codebase-mcp'] ?? '')).toEqual([]);
});

test('scopes: next and { steps } count the declaring sequence only; until lifts before the named step', async ({ toxiproxy, names }) => {
  const { faults } = await setup(toxiproxy, names);
  const sequence = {};
  const nested = {};
  await add(faults, { target: 'codebase-mcp', latency: { ms: 100 }, scope: 'next' }, sequence);
  await add(faults, { target: 'codebase-mcp.db', down: true, scope: { steps: 2 } }, sequence);
  await add(faults, { target: 'codebase-mcp', latency: { ms: 200 }, scope: { until: 'Search recovers' } }, sequence);
  await faults.afterStep(sequence); // the last fault step itself ends
  expect(faults.labels()).toHaveLength(3);
  await faults.afterStep(nested); // a step inside an include of the next step: not one of ours
  await faults.afterStep(sequence); // the next step
  expect(faults.labels()).toEqual(['codebase-mcp.db down', 'codebase-mcp latency 200ms downstream']);
  await faults.afterStep(sequence);
  expect(faults.labels()).toEqual(['codebase-mcp latency 200ms downstream']);
  await faults.beforeStep('Something else');
  expect(faults.labels()).toHaveLength(1);
  await faults.beforeStep('Search recovers');
  expect(faults.labels()).toEqual([]);
});

test('a duration lifts the fault on its own; clear lifts by target', async ({ toxiproxy, names }) => {
  const { client, faults, proxy } = await setup(toxiproxy, names);
  await add(faults, { target: 'codebase-mcp', down: true }, {}, 150);
  await add(faults, { target: 'codebase-mcp.db', latency: { ms: 50 } }, {});
  expect((await client.getProxy(proxy['codebase-mcp'] ?? ''))?.enabled).toBe(false);
  await sleep(400);
  expect((await client.getProxy(proxy['codebase-mcp'] ?? ''))?.enabled).toBe(true);
  expect(await faults.clear(clearTargets('codebase-mcp'))).toEqual([]);
  expect(await faults.clear(clearTargets(['all']))).toEqual(['codebase-mcp.db latency 50ms downstream']);
});

test('two downs on one link: it comes back only when both are lifted', async ({ toxiproxy, names }) => {
  const { client, faults, proxy } = await setup(toxiproxy, names);
  const owner = {};
  await add(faults, { target: 'codebase-mcp', down: true, scope: 'next' }, owner);
  await add(faults, { target: 'codebase-mcp', down: true }, owner);
  await faults.afterStep(owner);
  await faults.afterStep(owner);
  expect(faults.labels()).toEqual(['codebase-mcp down']);
  expect((await client.getProxy(proxy['codebase-mcp'] ?? ''))?.enabled).toBe(false);
  await faults.clear('all');
  expect((await client.getProxy(proxy['codebase-mcp'] ?? ''))?.enabled).toBe(true);
});

test('clearAll also sweeps what the journey did not record, and an unknown link is an error', async ({ toxiproxy, names }) => {
  const { client, faults, proxy } = await setup(toxiproxy, names);
  const name = proxy['codebase-mcp.db'] ?? '';
  await client.addToxic(name, { type: 'latency', attributes: { latency: 10 } });
  await client.setEnabled(name, false);
  await faults.clearAll();
  expect(await client.getProxy(name)).toMatchObject({ enabled: true, toxics: [] });
  await expect(add(faults, { target: 'workflow-mcp', down: true }, {})).rejects.toThrow(/no link named 'workflow-mcp' in this stack \(links: codebase-mcp, codebase-mcp.db\)/);
});
