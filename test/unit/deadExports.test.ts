// `npm run check` ends with knip: an export nobody imports, a file nothing reaches and a dependency
// nothing uses fail the check. The probe is a tiny project in a temporary folder under the house's own
// knip.json, so a config that stops looking (an issue type dropped, entries that swallow everything)
// fails here, and the clean twin shows the failure comes from the probe and not from the setup.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const knipBin = join(root, 'node_modules', 'knip', 'bin', 'knip.js');
const houseConfig = JSON.parse(readFileSync(join(root, 'knip.json'), 'utf8')) as Record<string, unknown>;

interface Knip { code: number; output: string }

function runKnip(files: Record<string, string>): Promise<Knip> {
  const dir = mkdtempSync(join(tmpdir(), 'knip-probe-'));
  // The probe has none of the house's folders, so the config's entry patterns match nothing there.
  writeFileSync(join(dir, 'knip.json'), JSON.stringify({ ...houseConfig, treatConfigHintsAsErrors: false }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [knipBin, '--directory', dir, '--no-progress', '--no-config-hints'], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}${stderr}` });
    });
  });
}

const clean: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'knip-probe', type: 'module', private: true }),
  'src/cli/probe.ts': "import { used } from '../common/probe.js';\nexport const run = used;\n",
  'src/common/probe.ts': 'export function used(): number {\n  return 1;\n}\n',
};

test('the clean probe passes knip', async () => {
  const knip = await runKnip(clean);
  expect(knip.output).toBe('');
  expect(knip.code).toBe(0);
});

test('an unused export, an unreached file and an unused dependency fail knip', async () => {
  const knip = await runKnip({
    ...clean,
    'package.json': JSON.stringify({ name: 'knip-probe', type: 'module', private: true, dependencies: { 'left-pad': '1.3.0' } }),
    'src/common/probe.ts': `${clean['src/common/probe.ts'] ?? ''}export function deadProbe(): number {\n  return 2;\n}\nexport type DeadProbeType = number;\n`,
    'src/common/orphan.ts': 'export const orphan = 3;\n',
  });
  expect(knip.code).toBe(1);
  expect(knip.output).toMatch(/Unused files \(1\)\s+src\/common\/orphan\.ts/);
  expect(knip.output).toMatch(/Unused dependencies \(1\)\s+left-pad/);
  expect(knip.output).toMatch(/Unused exports \(1\)\s+deadProbe\s+function\s+src\/common\/probe\.ts:4:17/);
  expect(knip.output).toMatch(/Unused exported types \(1\)\s+DeadProbeType\s+type\s+src\/common\/probe\.ts:7:13/);
});
