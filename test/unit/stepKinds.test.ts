// One list of step kinds: the table in src/load/stepKinds.ts agrees with the schema, and a kind that a
// stage's registry does not list is a type error (probed with the TypeScript compiler on an in-memory
// file that adds a kind). The run stage plays plans only: it imports nothing from src/load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { STEP_KINDS } from '../../src/load/stepKinds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface StepSchema {
  description: string;
  properties: Record<string, unknown>;
  allOf: { if: { required: string[] }; then: { $ref: string } }[];
  anyOf: { required: string[] }[];
}
interface JourneySchema { $defs: Record<string, { required?: string[] }> & { step: StepSchema } }

const schema = JSON.parse(readFileSync(join(root, 'schemas/journey.schema.json'), 'utf8')) as JourneySchema;

/** Every place the schema lists the kinds, each compared with the table, in order. */
function disagreements(s: JourneySchema, kinds: readonly string[]): string[] {
  const step = s.$defs.step;
  const lists: [string, string[]][] = [
    ['properties', Object.keys(step.properties)],
    ['allOf', step.allOf.map((a) => a.if.required[0] ?? '')],
    ['anyOf', step.anyOf.map((a) => a.required[0] ?? '')],
    ['description', (/exactly one of (.*)\.$/.exec(step.description)?.[1] ?? '').split(', ')],
  ];
  const out = lists.filter(([, list]) => list.join() !== kinds.join()).map(([where, list]) => `${where}: ${list.join(', ')}`);
  for (const a of step.allOf) {
    const kind = a.if.required[0] ?? '';
    const def = s.$defs[a.then.$ref.replace('#/$defs/', '')];
    if (!def?.required?.includes(kind)) out.push(`${a.then.$ref} does not require ${kind}`);
  }
  return out;
}

test('the schema lists the step kinds of the table, in the same order, everywhere it lists them', () => {
  expect(STEP_KINDS.length).toBeGreaterThan(0);
  expect(disagreements(schema, STEP_KINDS)).toEqual([]);
});

test('a schema kind the table lacks is a disagreement (probe)', () => {
  const probe = structuredClone(schema);
  probe.$defs.step.properties['bogus'] = {};
  probe.$defs.step.anyOf.push({ required: ['bogus'] });
  expect(disagreements(probe, STEP_KINDS)).toEqual([
    `properties: ${[...STEP_KINDS, 'bogus'].join(', ')}`,
    `anyOf: ${[...STEP_KINDS, 'bogus'].join(', ')}`,
  ]);
  expect(disagreements(schema, STEP_KINDS.slice(1))).toHaveLength(4);
});

// The probe lives in memory, at a path inside the repository so that its relative imports resolve.
const PROBE = join(root, 'test/unit/__kindsProbe__.ts');
const REGISTRIES = `import '../../src/load/stepKinds.js';
import '../../src/compile/steps/registry.js';
import '../../src/worker/steps/registry.js';
export {};
`;

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return { ...parsed.options, noEmit: true };
}

/** The files that list the kinds; only they are type-checked, which keeps each probe to a few seconds. */
const CHECKED = ['src/load/stepKinds.ts', 'src/compile/steps/registry.ts', 'src/worker/steps/registry.ts'].map((f) => join(root, f));
const parsed = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

/** Type errors in the registries with the probe's text added to the program, as `file: message`. */
function typeErrors(probe: string): string[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const disk = ts.createCompilerHost(options);
  host.getSourceFile = (name, version, ...rest) => {
    if (name === PROBE) return ts.createSourceFile(name, probe, version);
    const cached = parsed.get(name) ?? disk.getSourceFile(name, version, ...rest);
    if (cached) parsed.set(name, cached);
    return cached;
  };
  host.fileExists = (name) => name === PROBE || disk.fileExists(name);
  host.readFile = (name) => (name === PROBE ? probe : disk.readFile(name));
  const program = ts.createProgram([PROBE], options, host, previous);
  previous = program;
  const files = [PROBE, ...CHECKED].map((f) => program.getSourceFile(f));
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...files.flatMap((f) => (f ? [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)] : []))];
  expect(files.every(Boolean), 'every registry is in the probe program').toBe(true);
  return diagnostics.map((d) => {
    const file = d.file ? d.file.fileName.slice(root.length) : '';
    return `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

test('the registries type-check as they are (the probes below fail for the kind they add)', () => {
  expect(typeErrors(REGISTRIES)).toEqual([]);
});

test('a document kind without a row in the table and a compiler fails tsc', () => {
  const errors = typeErrors(`${REGISTRIES}
declare module '../../src/load/journey.js' {
  interface StepDocs { bogus: { bogus: string; name?: string; timeout?: number | string } }
}
`);
  const about = (file: string) => errors.filter((e) => e.startsWith(file) && e.includes("'bogus'"));
  expect(about('src/load/stepKinds.ts'), errors.join('\n')).not.toHaveLength(0);
  expect(about('src/compile/steps/registry.ts'), errors.join('\n')).not.toHaveLength(0);
});

test('a plan kind without an executor fails tsc', () => {
  const errors = typeErrors(`${REGISTRIES}
import type { SourceLocation } from '../../src/compile/plan.js';
declare module '../../src/compile/plan.js' {
  interface StepPlans { bogus: { kind: 'bogus'; title: string; location: SourceLocation } }
}
`);
  expect(errors.filter((e) => e.startsWith('src/worker/steps/registry.ts') && e.includes("'bogus'")), errors.join('\n')).not.toHaveLength(0);
  expect(errors.filter((e) => e.startsWith('src/compile/steps/registry.ts')), errors.join('\n')).not.toHaveLength(0);
});

const LOAD_IMPORT = /from '(?:\.\.\/)+load\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// The folders that play plans: the runner's main process, the spec file both processes load, the worker.
const PLAYERS = ['runner', 'suite', 'worker'];

test('nothing in src/runner, src/suite or src/worker imports src/load, not even a type', () => {
  expect(LOAD_IMPORT.test("import type { FaultDoc } from '../../load/journey.js';")).toBe(true);
  const offenders = PLAYERS.flatMap((folder) => sources(join(root, 'src', folder))).filter((f) => LOAD_IMPORT.test(readFileSync(f, 'utf8')));
  expect(offenders.map((f) => f.slice(root.length))).toEqual([]);
});

for (const folder of PLAYERS) {
  test(`lint refuses an import of src/load in src/${folder}`, async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
      ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
    });
    const [result] = await eslint.lintText("import type { FaultDoc } from '../load/journey.js';\nexport type X = FaultDoc;\n", { filePath: `src/${folder}/zzProbe.ts` });
    expect((result?.messages ?? []).map((m) => m.message)).toEqual([expect.stringContaining(`src/${folder} may not import src/load`)]);
  });
}
