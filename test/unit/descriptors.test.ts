// File-descriptor limits: the open-files line of /proc/<pid>/limits, a load's need against it, and an
// EMFILE or ENFILE found in the shapes the transports throw (fetch's cause, the SSE transport's text).
import { expect, test } from '@playwright/test';
import { descriptorUse, exhaustionMessage, exhaustionOf, parseDescriptorLimit } from '../../src/process/descriptors.js';
import { DESCRIPTOR_MARGIN, descriptorNeed, descriptorShortfall } from '../../src/worker/perf/limits.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 4096                 files
Max locked memory         8388608              8388608              bytes
`;

test('the open-files line gives the soft and hard limits; unlimited or missing gives none', () => {
  expect(parseDescriptorLimit(LIMITS)).toEqual({ soft: 1024, hard: 4096 });
  expect(parseDescriptorLimit(LIMITS.replace('4096 ', 'unlimited'))).toEqual({ soft: 1024, hard: undefined });
  expect(parseDescriptorLimit(LIMITS.replace('1024 ', 'unlimited'))).toBeUndefined();
  expect(parseDescriptorLimit('Max cpu time  unlimited  unlimited  seconds\n')).toBeUndefined();
});

test('this process reads its own limit and use on Linux', () => {
  test.skip(process.platform !== 'linux', '/proc is Linux');
  const use = descriptorUse();
  expect(use?.soft).toBeGreaterThan(0);
  expect(use?.open).toBeGreaterThan(2);
  expect(use?.open).toBeLessThan(use?.soft ?? 0);
});

test('a session needs a stream per HTTP or SSE server, one request in flight, and three pipes per stdio server', () => {
  expect(descriptorNeed(1000, ['http', 'sse'], 20)).toEqual({ perSession: 3, total: 3000 + 20 + DESCRIPTOR_MARGIN });
  expect(descriptorNeed(10, ['stdio'], 0)).toEqual({ perSession: 3, total: 30 + DESCRIPTOR_MARGIN });
  expect(descriptorNeed(10, ['http', 'stdio'], 0).perSession).toBe(5);
});

test('a load that fits says nothing; one that does not says how many, the limit and ulimit -n', () => {
  const use = { soft: 1024, hard: 4096, open: 30 };
  expect(descriptorShortfall(100, ['http', 'sse'], use)).toBeUndefined();
  const said = descriptorShortfall(1000, ['http', 'sse'], use) ?? '';
  expect(said).toContain(`about ${3000 + 30 + DESCRIPTOR_MARGIN} file descriptors, more than the 1024`);
  expect(said).toContain('`ulimit -n 3094`');
  expect(said).not.toContain('hard limit');
  // Beyond the hard limit, ulimit alone cannot do it.
  expect(descriptorShortfall(2000, ['http', 'sse'], use)).toContain('The hard limit is 4096');
  // Unknown limit (not Linux) or no servers: no guard.
  expect(descriptorShortfall(1_000_000, ['http'], undefined)).toBeUndefined();
  expect(descriptorShortfall(1_000_000, [], use)).toBeUndefined();
});

test('EMFILE and ENFILE are found as a code in the cause chain or in the text the SSE transport keeps', () => {
  const refused = Object.assign(new Error('connect EMFILE 127.0.0.1:4000 - Local (undefined:undefined)'), { code: 'EMFILE', syscall: 'connect' });
  expect(exhaustionOf(new TypeError('fetch failed', { cause: refused }))).toBe('EMFILE');
  expect(exhaustionOf(new Error('initialize failed', { cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENFILE' }) }) }))).toBe('ENFILE');
  expect(exhaustionOf(new Error('SSE error: TypeError: fetch failed: connect EMFILE 127.0.0.1:4000 - Local (undefined:undefined)'))).toBe('EMFILE');
  expect(exhaustionOf(new Error('spawn /bin/node: too many open files'))).toBe('EMFILE');
  expect(exhaustionOf(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBeUndefined();
  expect(exhaustionOf('EMFILE')).toBeUndefined();
});

test('the connect message names the server, the limit and what it holds', () => {
  expect(exhaustionMessage('EMFILE', { soft: 64, hard: 64, open: 63 }, 'codebase-mcp')).toContain('may hold 64 (its soft RLIMIT_NOFILE) and holds 63');
  expect(exhaustionMessage('EMFILE', undefined, 'codebase-mcp')).toContain('`ulimit -n 8192`');
  expect(exhaustionMessage('ENFILE', undefined)).toContain('the whole system has run out');
});
