// A stand-in that obeys the reference servers' process contract (env, ready file, port-in-use exit,
// SIGTERM) with none of their tools, plus misbehaviours on demand for the stack's own tests:
//   STAND_IN_IGNORE_SIGTERM=1  keeps running after SIGTERM (the stack must escalate to SIGKILL)
//   STAND_IN_CHILD=1           starts a grandchild (the stack must kill the whole tree)
//   STAND_IN_NEVER_READY=1     never writes the ready file (the start-up deadline must fire)
//   STAND_IN_CRASH=1           writes a line and exits 3 before it is ready
// node --import tsx test/stack/support/standIn.ts --name codebase-mcp|workflow-mcp
import { spawn } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({ options: { name: { type: 'string', default: 'codebase-mcp' } } });
const name = values.name;
const prefix = name.toUpperCase().replace(/-/g, '_');
const peer = name === 'codebase-mcp' ? 'WORKFLOW_MCP_URL' : 'CODEBASE_MCP_URL';
const flag = (f: string): boolean => process.env[`STAND_IN_${f}`] === '1';
const log = (fields: Record<string, unknown>): void => { process.stderr.write(`${JSON.stringify({ server: name, ...fields })}\n`); };

if (flag('CRASH')) {
  process.stderr.write('stand-in: crashing on purpose\n');
  process.exit(3);
}
const databaseUrl = process.env[`${prefix}_DATABASE_URL`];
if (!databaseUrl) {
  process.stderr.write(`FATAL: ${prefix}_DATABASE_URL is not set\n`);
  process.exit(1);
}
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
await pool.query('select 1');
const grandchild = flag('CHILD') ? spawn('sleep', ['600'], { stdio: 'ignore' }) : undefined;

const server = createServer((req, res) => {
  void (async () => {
    const database = await pool.query('select 1').then(() => 'connected', () => 'unreachable');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'healthy', name, path: req.url, database, peer: process.env[peer] ?? null, grandchild: grandchild?.pid ?? null }));
  })();
});
server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`ERROR: Address already in use (port ${process.env[`${prefix}_PORT`]}). Stop conflicting process or configure alternative port via ${prefix}_PORT environment variable.\n`);
    process.exit(1);
  }
  throw e;
});
server.listen(Number(process.env[`${prefix}_PORT`] ?? 0), process.env[`${prefix}_HOST`] ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log({ event: 'listening', port, url });
  const readyFile = process.env['MCP_READY_FILE'];
  if (readyFile && !flag('NEVER_READY')) {
    writeFileSync(`${readyFile}.tmp`, JSON.stringify({ pid: process.pid, port, url }));
    renameSync(`${readyFile}.tmp`, readyFile);
  }
});

process.on('SIGTERM', () => {
  if (flag('IGNORE_SIGTERM')) {
    log({ event: 'sigterm_ignored' });
    return;
  }
  grandchild?.kill();
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
