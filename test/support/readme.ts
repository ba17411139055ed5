// The README's journey examples: each yaml block preceded by `<!-- journeys/<folder>/<file> -->`.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testServerCommand } from './servers/spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ReadmeExample {
  path: string;
  text: string;
}

export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- (journeys\/\S+) -->\n```(?:yaml|json)\n([\s\S]*?)```/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));
}

/** The README's text blocks marked `<!-- golden: <path> -->`: diagnostics quoted from a golden file. */
export function goldenBlocks(): ReadmeExample[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- golden: (\S+) -->\n```text\n([\s\S]*?)```/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));
}

interface StackFile { servers: Record<string, { node?: string; cwd?: string }> }

/** The servers of the README's OAuth `.mcp.json` example (the json block after `<!-- oauth .mcp.json -->`). */
function readmeOAuthServers(): Record<string, { url: string } & Record<string, unknown>> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- oauth \.mcp\.json -->\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no <!-- oauth .mcp.json --> block');
  return (JSON.parse(block) as { mcpServers: Record<string, { url: string } & Record<string, unknown>> }).mcpServers;
}

/**
 * The configuration the README's examples name: the embedded stack's servers (fixtures/mcp.json, launched
 * by its stack definition, copied beside it with its paths made absolute); `everything`, the installed
 * @modelcontextprotocol/server-everything over stdio, as the README tells a reader to add it; `proto` and
 * `probe`, the purpose-built protocol server and client probe over stdio (the README says which examples
 * run against them); and the
 * servers of the README's OAuth example as written, each URL replaced by the one `oauthUrls` gives it (the
 * OAuth test server's; without one the example's own URL stays, which validation never reaches). Written
 * into `dir`; returns the configuration's path.
 */
export function writeReadmeConfig(dir: string, oauthUrls: Record<string, string> = {}): string {
  const fixtures = join(ROOT, 'fixtures');
  const embedded = JSON.parse(readFileSync(join(fixtures, 'mcp.json'), 'utf8')) as { mcpServers: Record<string, unknown> };
  const everything = join(createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/package.json'), '..', 'dist', 'index.js');
  const proto = testServerCommand('proto', fileURLToPath(new URL('./servers/protocolServer.ts', import.meta.url)));
  const probe = testServerCommand('probe', fileURLToPath(new URL('./servers/clientProbe.ts', import.meta.url)));
  const oauth = Object.fromEntries(Object.entries(readmeOAuthServers()).map(([name, entry]) => [name, { ...entry, url: oauthUrls[name] ?? entry.url }]));
  const config = {
    mcpServers: {
      ...embedded.mcpServers,
      everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
      proto: { type: 'stdio', ...proto },
      probe: { type: 'stdio', ...probe },
      ...oauth,
    },
  };
  const stack = JSON.parse(readFileSync(join(fixtures, 'mcp.stack.json'), 'utf8')) as StackFile & Record<string, unknown>;
  for (const server of Object.values(stack.servers)) {
    if (server.node !== undefined) server.node = resolve(fixtures, server.node);
    if (server.cwd !== undefined) server.cwd = resolve(fixtures, server.cwd);
  }
  delete stack['$schema'];
  const file = join(dir, 'readme.mcp.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'readme.mcp.stack.json'), JSON.stringify(stack, null, 2));
  return file;
}

/** Writes the examples under a temp root that links schemas/ like the repository does. */
export function writeExamples(examples: ReadmeExample[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-journeys-readme-'));
  symlinkSync(join(ROOT, 'schemas'), join(root, 'schemas'));
  for (const e of examples) {
    mkdirSync(dirname(join(root, e.path)), { recursive: true });
    writeFileSync(join(root, e.path), e.text);
  }
  return root;
}

/** The README's "In your own project" blocks, by the name in their `<!-- own project: <name> -->` marker,
 * with the list item's indentation taken off. */
export function ownProjectBlocks(): Record<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- own project: (\S+) -->\n( *)```\w*\n([\s\S]*?)\n\2```/g)];
  return Object.fromEntries(blocks.map((m) => {
    const indent = m[2] ?? '';
    const text = (m[3] ?? '').split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
    return [m[1] ?? '', `${text}\n`];
  }));
}
