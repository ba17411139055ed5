// Golden output of `mcp-journeys init` in a project of its own: what it says and every file it writes for
// a fixed .mcp.json (one stdio and one HTTP server); run again (every file skipped), with --force (every
// file written again, the .mcp.json it read left alone); without a .mcp.json (it writes an example one);
// and its usage and configuration errors. Each case is `test/golden/init/<case>.out`: the command, its
// exit code, stderr and stdout, then each file written. UPDATE_GOLDEN=1 rewrites them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/mcp-journeys.js');
const GOLDEN = join(ROOT, 'test/golden/init');

const MCP_JSON = `${JSON.stringify({
  mcpServers: {
    local: { type: 'stdio', command: 'node', args: ['local-server.js'] },
    remote: { type: 'http', url: 'http://127.0.0.1:${PORT:-3000}/mcp' },
  },
}, null, 2)}\n`;

function cli(cwd: string, args: string[]): Promise<{ code: number; text: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MCP_JOURNEYS_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...clean, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, text: `$ mcp-journeys ${args.join(' ')}\n[exit ${code}]\n${stderr}${stdout}` });
    });
  });
}

/** Every file of the project but node_modules, in a stable order. */
function projectFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, e.parentPath).startsWith('node_modules'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/')).sort();
}

function shown(dir: string, files: string[]): string {
  return files.map((f) => `\n=== ${f} ===\n${readFileSync(join(dir, f), 'utf8')}`).join('');
}

function golden(name: string, output: string): void {
  const file = join(GOLDEN, `${name}.out`);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(file, output);
  expect(output).toBe(readFileSync(file, 'utf8'));
}

function project(files: Record<string, string>, installed: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-init-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // As installed: the schema the journeys link is there (this checkout stands in for the package).
  if (installed) {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'mcp-journeys'));
  }
  return dir;
}

test('init in a project with a .mcp.json of two servers: the files, then again (skipped), then --force', async () => {
  const dir = project({ '.mcp.json': MCP_JSON, 'package.json': '{ "name": "qa", "private": true }\n' }, true);
  try {
    const first = await cli(dir, ['init']);
    expect(first.code).toBe(0);
    const written = projectFiles(dir).filter((f) => !['.mcp.json', 'package.json'].includes(f));
    golden('two-servers', first.text + shown(dir, written));

    // What it wrote parses, and its journeys are valid for this .mcp.json with no warning (the modeline
    // resolves). Run from journeys/, where no Playwright config is: the one written imports the build.
    expect(parse(readFileSync(join(dir, '.github/workflows/journeys.yml'), 'utf8'))).toHaveProperty('jobs.report.needs', ['journeys']);
    expect(parse(readFileSync(join(dir, 'docker-compose.yml'), 'utf8'))).toHaveProperty('services.toxiproxy.image');
    expect(JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8'))).toHaveProperty(['yaml.schemas']);
    const validate = await cli(join(dir, 'journeys'), ['validate', '.', '--mcp-config', '../.mcp.json']);
    expect(validate.text).toContain('[exit 0]\nconfig no Playwright config (defaults), MCP config ../.mcp.json (--mcp-config)\n2 journeys valid\n');

    const again = await cli(dir, ['init']);
    writeFileSync(join(dir, 'docker-compose.yml'), 'changed\n');
    const forced = await cli(dir, ['init', '--force']);
    golden('again-and-force', `${again.text}\n${forced.text}`);
    expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures/init/docker-compose.yml'), 'utf8'));
    expect(readFileSync(join(dir, '.mcp.json'), 'utf8')).toBe(MCP_JSON);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init without a .mcp.json writes one with the reference server, and its journey', async () => {
  const dir = project({}, false);
  try {
    const run = await cli(dir, ['init']);
    expect(run.code).toBe(0);
    golden('no-mcp-json', run.text + shown(dir, ['.mcp.json', 'journeys/examples/everything.journey.yaml', '.vscode/settings.json']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init names servers as a journey can: a name YAML would read as a number is quoted, one a journey cannot name is left out', async () => {
  const servers = { '2024': { command: 'node' }, 'Remote API': { type: 'sse', url: 'http://127.0.0.1:3001/sse' } };
  const dir = project({ '.mcp.json': JSON.stringify({ mcpServers: servers }) }, true);
  try {
    const run = await cli(dir, ['init']);
    expect(run.code).toBe(0);
    golden('names', run.text + shown(dir, ['journeys/examples/2024.journey.yaml']));
    const validate = await cli(join(dir, 'journeys'), ['validate', '.', '--mcp-config', '../.mcp.json']);
    expect(validate.text).toContain('\n1 journey valid\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init: an unknown flag, a positional and a .mcp.json that is not one are diagnosed (exit 2), nothing written', async () => {
  const dir = project({ '.mcp.json': '{ "mcpServers": { "a": { "type": "websocket" } } }\n' }, false);
  try {
    const runs = [await cli(dir, ['init', '--forse']), await cli(dir, ['init', 'somewhere']), await cli(dir, ['init'])];
    for (const r of runs) expect(r.code).toBe(2);
    golden('errors', runs.map((r) => r.text).join('\n'));
    expect(projectFiles(dir)).toEqual(['.mcp.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
