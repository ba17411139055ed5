// `mcp-journeys list [files or dirs…] [--format text|json] [--mcp-config <file>]`: what would run, by
// folder (= Playwright project), with each journey's location, test_id, name, tags and validity.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadJourneyFile } from '../load/readYamlFile.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { isRecord } from '../validate/walk.js';
import { validateJourneys } from '../validate/validateJourneys.js';
import { commandArgs } from './commandArgs.js';
import { formatAndFiles, ROOT_FOLDER } from './journeyFiles.js';
import { serverContext } from './serverContext.js';
import { commandSettings, shown } from './settings.js';
import { missingServers } from '../mcp/index.js';

const USAGE = `Usage: mcp-journeys list [files or dirs…] [--format text|json] [--mcp-config <file>] [--config <file>]

Lists journeys by folder: file:line, test_id, test_name and tags; invalid ones are marked
(run "mcp-journeys validate" for the details). Default directory: the journeys directory of the
settings (MCP_JOURNEYS_DIR, else the Playwright config's journeysDir, else journeys/).
`;

export interface ListedJourney {
  folder: string;
  file: string;
  line: number;
  test_id: string | null;
  test_name: string | null;
  tags: string[];
  valid: boolean;
  /** Servers of servers_required the active MCP configuration lacks: the journey is skipped when run. */
  missing_servers: string[];
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs(USAGE, () => parseArgs({
    args, allowPositionals: true, strict: true,
    options: { format: { type: 'string' }, 'mcp-config': { type: 'string' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  }));
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const settings = await commandSettings({ mcpConfig: values['mcp-config'] }, values.config);
  if (typeof settings === 'number') return settings;
  const input = formatAndFiles(values.format, positionals, shown(settings.journeysDir.value));
  if (!input) return 2;
  const { format, found } = input;
  const context = serverContext(settings.mcpConfig.value);
  const result = validateJourneys(found.files, context);
  const valid = new Map(result.journeys.map((j) => [j.absPath, j.source]));
  const listed = found.files.map((path) => describe(path, found.folders.get(path) ?? ROOT_FOLDER, valid, context.servers));
  process.stdout.write(format === 'json' ? `${JSON.stringify(listed, null, 2)}\n` : render(listed));
  return 0;
}

function describe(path: string, folder: string, valid: ReadonlyMap<string, LoadedFile>, active: Record<string, unknown> | undefined): ListedJourney {
  const absPath = resolve(path);
  const source = valid.get(absPath) ?? loadJourneyFile(absPath);
  const doc = isRecord(source.value) ? source.value : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const required = Array.isArray(doc['servers_required']) ? doc['servers_required'].filter((s): s is string => typeof s === 'string') : [];
  return {
    folder,
    file: source.file,
    line: (source.keyLocate(['test_name']) ?? source.locate([]))?.start.line ?? 1,
    test_id: text(doc['test_id']),
    test_name: text(doc['test_name']),
    tags: Array.isArray(doc['tags']) ? doc['tags'].filter((t): t is string => typeof t === 'string') : [],
    valid: valid.has(absPath),
    missing_servers: active ? missingServers(required, active) : [],
  };
}

function render(listed: ListedJourney[]): string {
  const folders = new Map<string, ListedJourney[]>();
  for (const j of listed) folders.set(j.folder, [...(folders.get(j.folder) ?? []), j]);
  const lines: string[] = [];
  for (const [folder, journeys] of folders) {
    lines.push(folder);
    for (const j of journeys) {
      const tags = j.tags.map((t) => (t.startsWith('@') ? t : `@${t}`)).join(' ');
      const name = j.test_name ?? '(no test_name)';
      lines.push(`  ${j.file}:${j.line}  ${j.test_id ?? '(no test_id)'}  ${name}${tags ? `  ${tags}` : ''}${j.valid ? '' : '  [invalid]'}${j.missing_servers.length > 0 ? `  [skipped: needs ${j.missing_servers.join(', ')}]` : ''}`);
    }
  }
  const invalid = listed.filter((j) => !j.valid).length;
  const skipped = listed.filter((j) => j.missing_servers.length > 0).length;
  lines.push('', `${listed.length} journey${listed.length === 1 ? '' : 's'} in ${folders.size} folder${folders.size === 1 ? '' : 's'}${invalid > 0 ? `, ${invalid} invalid (run mcp-journeys validate)` : ''}${skipped > 0 ? `, ${skipped} skipped (servers the MCP configuration does not define)` : ''}`);
  return `${lines.join('\n')}\n`;
}
