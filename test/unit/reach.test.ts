import { test, expect } from '@playwright/test';
import { compileJourney } from '../../src/compile/compileJourney.js';
import type { McpConfig } from '../../src/mcp/index.js';
import { faultedServers, reachFor } from '../../src/worker/reach.js';
import { loadShim } from '../support/loadShim.js';

const FILE = '/j/degraded/faults.journey.yaml';
const JOURNEY = `test_id: 0b7f3f5e-6c1e-4a8e-9f4e-1c2d3e4f5a60
test_name: Faults here and there
description: Faults a server in a parallel step, another's database, and clears all.
servers_required: [a, b, c]
test_steps:
  - call: a.echo
    expect: { outcome: ok }
  - parallel:
      - fault: { target: b, latency: 100ms }
      - call: a.echo
        expect: { outcome: ok }
  - fault: { target: c.db, down: true }
  - fault: { clear: all }
`;

const config = (): McpConfig => ({
  source: '/p/.mcp.json',
  servers: {
    a: { name: 'a', type: 'http', url: 'http://127.0.0.1:9001/mcp', configuredUrl: 'http://127.0.0.1:8001/mcp', unproxied: { url: 'http://127.0.0.1:8001/mcp' } },
    b: { name: 'b', type: 'http', url: 'http://127.0.0.1:9002/mcp', configuredUrl: 'http://127.0.0.1:8002/mcp', unproxied: { url: 'http://127.0.0.1:8002/mcp' } },
    c: { name: 'c', type: 'stdio', command: 'c', relay: { host: '127.0.0.1', port: 9003 }, unproxied: { relay: { host: '127.0.0.1', port: 8003 } } },
    d: { name: 'd', type: 'http', url: 'http://127.0.0.1:9004/mcp', configuredUrl: 'http://127.0.0.1:8004/mcp' },
  },
});

test('the faulted servers are the targets of fault steps, nested ones too, and not a database link', () => {
  const plan = compileJourney(loadShim(FILE, { [FILE]: JOURNEY }), { journeysDir: '/j' });
  expect([...faultedServers(plan)]).toEqual(['b']);
});

test('a server the journey does not fault is reached without its proxy; a faulted one and one without a way round keep it', () => {
  const reached = reachFor(config(), new Set(['b'])).servers;
  expect(reached['a']).toEqual({ name: 'a', type: 'http', url: 'http://127.0.0.1:8001/mcp' });
  expect(reached['b']?.url).toBe('http://127.0.0.1:9002/mcp');
  expect(reached['b']?.configuredUrl).toBe('http://127.0.0.1:8002/mcp');
  expect(reached['c']?.relay).toEqual({ host: '127.0.0.1', port: 8003 });
  expect(reached['d']?.url).toBe('http://127.0.0.1:9004/mcp');
  // Faulting c keeps its relay behind the proxy.
  expect(reachFor(config(), new Set(['c'])).servers['c']?.relay).toEqual({ host: '127.0.0.1', port: 9003 });
});
