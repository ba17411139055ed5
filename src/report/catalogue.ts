// The journey catalogue (scenarios.md): the scenario ids a QA author tags journeys with (`tags: [S5]`),
// and what each one shows. Coverage reports every id without a journey.

export interface Scenario {
  id: string;
  title: string;
}

export const CATALOGUE: readonly Scenario[] = [
  { id: 'S1', title: 'search code → work item referencing the chunk → read back' },
  { id: 'S2', title: 'a work item with three chunk references, in order' },
  { id: 'S3', title: 'codebase-mcp down while using workflow-mcp' },
  { id: 'S4', title: 'workflow-mcp down while searching' },
  { id: 'S5', title: 'stale reference after a file change or force_reindex' },
  { id: 'S6', title: 'partial staleness: one of three references stale' },
  { id: 'S7', title: 'invalid reference at create time' },
  { id: 'S8', title: 'index → deployment with work items → list deployments' },
  { id: 'S9', title: 'background indexing while querying work items' },
  { id: 'S10', title: 'switching workflow projects while codebase-mcp indexes' },
  { id: 'S11', title: 'two projects indexed from the same repository' },
  { id: 'S12', title: 'high latency on codebase-mcp' },
  { id: 'S13', title: 'database outage under codebase-mcp during indexing' },
  { id: 'S14', title: 'both servers restart at once' },
  { id: 'S15', title: 'connection-pool exhaustion under concurrent sessions' },
  { id: 'S16', title: 'project switching and entity queries at target load' },
  { id: 'S17', title: 'port conflict at start-up' },
  { id: 'S18', title: 'health during a database outage' },
  { id: 'S19', title: 'search cold vs warm' },
  { id: 'S20', title: '50 concurrent Claude Code sessions, mixed tools' },
  { id: 'S21', title: 'a journey meant to fail (assertions bite)' },
];

/** `S5`, `@S5`, `s5` → `S5`; anything else → undefined. */
export function scenarioOfTag(tag: string): string | undefined {
  const match = /^@?[sS](\d{1,3})$/.exec(tag);
  return match ? `S${Number(match[1])}` : undefined;
}
