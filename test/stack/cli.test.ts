// `mcp-journeys stack up` as a person runs it: both servers answer, Ctrl-C stops everything, exit 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import getPort from 'get-port';
import { projectRoot } from '../../src/servers/startStack.js';
import { nothing, ownedBy, portOpen, remaining } from './support/leftovers.js';

test.setTimeout(120_000);

function stackUp(args: string[]): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/mcp-journeys.js'), 'stack', 'up', '--quiet', ...args], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Press Ctrl-C to stop.')) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`stack up exited with ${code} before it was ready:\n${stdout}${stderr}`)));
  });
  ready.catch(() => undefined); // awaited only by the tests that expect the stack to come up
  return { child, output: () => stdout + stderr, ready };
}

const pids = (text: string): number[] => [...text.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));

test('stack up serves both servers on the given ports and Ctrl-C leaves nothing, exit 0', async () => {
  const [codebasePort, workflowPort] = [await getPort(), await getPort()];
  const { child, output, ready } = stackUp(['--codebase-port', String(codebasePort), '--workflow-port', String(workflowPort)]);
  try {
    const printed = await ready;
    expect(printed).toContain(`claude mcp add --transport http codebase-mcp http://127.0.0.1:${codebasePort}/mcp`);
    expect(printed).toContain(`claude mcp add --transport sse workflow-mcp http://127.0.0.1:${workflowPort}/sse`);
    const snippet = JSON.parse(/^\{[\s\S]*?^\}$/m.exec(printed)?.[0] ?? '{}') as { mcpServers: Record<string, { url: string }> };
    expect(snippet.mcpServers['codebase-mcp']?.url).toBe(`http://127.0.0.1:${codebasePort}/mcp`);
    for (const port of [codebasePort, workflowPort]) {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
    }
    const footprint = {
      pids: pids(printed),
      ports: [codebasePort, workflowPort, Number(/127\.0\.0\.1:(\d+)\/postgres/.exec(printed)?.[1])],
      dirs: [...printed.matchAll(/(\/\S*(?:mcp-journeys-stack|mcpj-pg)-\S+)/g)].map((m) => m[1] ?? ''),
    };
    expect(footprint.pids).toHaveLength(3);
    expect(footprint.dirs).toHaveLength(2);

    child.kill('SIGINT');
    const [code, signal] = await once(child, 'exit') as [number | null, NodeJS.Signals | null];
    expect([code, signal], output()).toEqual([0, null]);
    expect(output()).toContain('Stopped.');
    expect(await remaining(footprint)).toEqual(nothing);
  } finally {
    child.kill('SIGKILL');
  }
});

test('stack up on a port in use fails with the server\'s own message, exit 1, and leaves nothing', async () => {
  const blocker = (await import('node:net')).createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const busy = typeof address === 'object' && address ? address.port : 0;
  try {
    const { child, output } = stackUp(['--codebase-port', String(busy), '--workflow-port', String(await getPort())]);
    const [code] = await once(child, 'exit') as [number | null];
    expect(code, output()).toBe(1);
    expect(output()).toContain(`ERROR: Address already in use (port ${busy}).`);
    expect(output()).toContain('codebase-mcp exited (code 1) before it was ready.');
    expect(await portOpen(busy)).toBe(true);
    expect(await ownedBy(child.pid ?? 0)).toEqual([]);
  } finally {
    blocker.close();
  }
});

test('stack up stops everything and exits 1 when a server dies under it', async () => {
  const { child, output, ready } = stackUp(['--codebase-port', '0', '--workflow-port', '0']);
  try {
    const printed = await ready;
    const workflowPid = Number(/workflow-mcp .* pid (\d+)/.exec(printed)?.[1]);
    const footprint = { pids: pids(printed), ports: [], dirs: [...printed.matchAll(/(\/\S*(?:mcp-journeys-stack|mcpj-pg)-\S+)/g)].map((m) => m[1] ?? '') };
    process.kill(workflowPid, 'SIGKILL');
    const [code] = await once(child, 'exit') as [number | null];
    expect(code, output()).toBe(1);
    expect(output()).toContain('workflow-mcp exited unexpectedly (signal SIGKILL).');
    expect(await remaining(footprint)).toEqual(nothing);
  } finally {
    child.kill('SIGKILL');
  }
});
