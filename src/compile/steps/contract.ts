// `contract: server`: an outcome step whose expectation is the server's contract snapshot, compared as is
// (no volatile masking: a date in a description is part of what the model reads).
import type { ContractStepDoc } from '../../load/journey.js';
import type { ContractStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileContract(d: ContractStepDoc, site: StepSite, ctx: StepContext): ContractStepPlan {
  const { expect, save } = outcomeParts({}, site, ctx);
  const snapshot = { name: `contract-${d.contract}`, ignore: [], mask: {}, volatile: false, location: ctx.loc.key([...site.at, 'contract']), diff: 'contract' as const };
  return { kind: 'contract', ...site.base, expect: { ...expect, snapshot }, save, server: d.contract };
}
