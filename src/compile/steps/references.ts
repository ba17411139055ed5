// `references:` → the resolving tool apart, its defaults filled, and where each expectation is written.
import { parseToolName } from '../../common/toolName.js';
import type { ReferencesStepDoc } from '../../load/journey.js';
import type { ReferenceExpectation, ReferencesStepPlan } from '../plan.js';
import type { DocPath, Locator } from '../source.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

function referenceExpectation(doc: ReferencesStepDoc['references']['expect'], at: DocPath, loc: Locator): ReferenceExpectation {
  const plan: ReferenceExpectation = { locations: {} };
  if (doc.valid !== undefined) { plan.valid = doc.valid; plan.locations.valid = loc.key([...at, 'valid']); }
  if (doc.stale !== undefined) { plan.stale = doc.stale; plan.locations.stale = loc.key([...at, 'stale']); }
  if (doc.valid_count !== undefined) { plan.validCount = doc.valid_count; plan.locations.validCount = loc.key([...at, 'valid_count']); }
  if (doc.stale_count !== undefined) { plan.staleCount = doc.stale_count; plan.locations.staleCount = loc.key([...at, 'stale_count']); }
  return plan;
}

export function compileReferences(d: ReferencesStepDoc, site: StepSite, ctx: StepContext): ReferencesStepPlan {
  const r = d.references;
  const ref = parseToolName(r.resolve, ctx.input.doc.servers_required) ?? { server: '', tool: r.resolve };
  // The step's own `expect` is about the resolving call; it saves nothing and does not poll.
  return {
    kind: 'references', ...site.base, ...outcomeParts({ expect: d.expect }, site, ctx), vars: r.vars, server: ref.server, tool: ref.tool,
    idsArg: r.ids_arg ?? 'chunk_ids', found: r.found ?? '$.chunks[*].chunk_id', args: r.args ?? {},
    references: referenceExpectation(r.expect, [...site.at, 'references', 'expect'], ctx.loc),
  };
}
