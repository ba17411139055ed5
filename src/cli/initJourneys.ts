// What `mcp-journeys init` writes for the servers of a project: one example journey per server, runnable
// as it is against any server (it lists the tools, and expects a prompt the server does not have to be
// refused, the error case every journey must assert), so the first `npx playwright test` passes before
// anyone has written a journey; and the editor settings that map journeys to the installed schema.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { INIT_TEMPLATES_DIR } from '../common/paths.js';
import { FRAGMENT_SCHEMA_PATH, SCHEMA_PATH } from '../validate/schema.js';
import { schemaLinkFor } from '../validate/schemaLine.js';
import type { TransportKind } from '../mcp/index.js';

export interface InitFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  text: string;
}

export interface ExampleServer {
  name: string;
  type: TransportKind;
}

/** The folder of the journeys directory the examples go to (one Playwright project). */
export const EXAMPLES_FOLDER = 'examples';

/** `fixtures/init/<name>` with each `{{key}}` replaced; a key without a value is a bug of ours. */
export function fillTemplate(name: string, values: Readonly<Record<string, string>> = {}): string {
  const text = readFileSync(join(INIT_TEMPLATES_DIR, name), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${name} has {{${key}}}, which init gives no value`);
    return value;
  });
}

/** Plain where YAML reads it back as the same string (not `true`, `1`, `a: b`…), else quoted; `flow`:
 * inside `[…]` or `{…}`. */
function yamlScalar(text: string, flow = true): string {
  const back: unknown = flow ? (parse(`[${text}]`) as unknown[])[0] : (parse(`k: ${text}`) as { k: unknown }).k;
  return back === text ? text : JSON.stringify(text);
}

/** The names a journey can give a server (the schema's `serverName`); .mcp.json allows more. */
export function journeyCanName(server: string): boolean {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $defs: { serverName: { pattern: string } } };
  return new RegExp(schema.$defs.serverName.pattern).test(server);
}

// A fixed namespace for the name-based UUIDs of init's examples (RFC 9562, version 5).
const NAMESPACE = Buffer.from('7d3c1a5e9b2f4c8d8e6a0b1c2d3e4f50', 'hex');

/** The same test_id whenever init writes the example of this server, so its Allure history carries on. */
export function exampleTestId(server: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`mcp-journeys init example ${server}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A file name for each server; names that differ only in what a file name cannot hold get a number. */
function fileNames(servers: readonly ExampleServer[]): string[] {
  const taken = new Set<string>();
  return servers.map(({ name }) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'server';
    let file = base;
    for (let n = 2; taken.has(file); n += 1) file = `${base}-${n}`;
    taken.add(file);
    return file;
  });
}

const posix = (path: string): string => path.split('\\').join('/');

/** `root`: the project; `journeysDir`: absolute; `mcpConfig`: the file the servers came from. */
export function exampleJourneys(servers: readonly ExampleServer[], root: string, journeysDir: string, mcpConfig: string): InitFile[] {
  const names = fileNames(servers);
  return servers.map((server, i) => {
    const file = join(journeysDir, EXAMPLES_FOLDER, `${names[i] ?? 'server'}.journey.yaml`);
    const text = fillTemplate('example.journey.yaml.template', {
      schema: schemaLinkFor(dirname(file), SCHEMA_PATH, root),
      name: server.name,
      type: server.type,
      mcpConfig: posix(relative(root, mcpConfig)),
      testId: exampleTestId(server.name),
      testName: yamlScalar(`${server.name} lists its tools`, false),
      description: yamlScalar(`Connect to ${server.name} as Claude Code does, list its tools, and see it refuse a prompt it does not have.`, false),
      server: yamlScalar(server.name),
    });
    return { path: posix(relative(root, file)), text };
  });
}

/** `.vscode/settings.json`: journeys and fragments mapped to the installed schemas (the YAML extension
 * reads these paths from the workspace folder; the modeline of each journey says the same). */
export function editorSettings(root: string, journeysDir: string): InitFile {
  const link = (schema: string) => `./${schemaLinkFor(root, schema, root)}`;
  const text = fillTemplate('vscode-settings.json.template', {
    journeySchema: link(SCHEMA_PATH),
    fragmentSchema: link(FRAGMENT_SCHEMA_PATH),
    journeysDir: posix(relative(root, journeysDir)) || '.',
  });
  return { path: '.vscode/settings.json', text };
}
