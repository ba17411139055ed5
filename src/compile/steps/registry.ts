// One compiler per step kind, as worker/steps/registry.ts has one executor per kind. Keyed by the document
// kinds and returning the plan of the same kind, so a kind without a compiler or without a plan type is
// a compile error.
import type { StepDocs, StepKind } from '../../load/journey.js';
import type { StepPlanKind, StepPlans } from '../plan.js';
import { compileCall } from './call.js';
import type { StepContext, StepSite } from './context.js';
import { compileFault } from './fault.js';
import { compileFile } from './file.js';
import { compileHttp } from './http.js';
import { compileInclude } from './include.js';
import { compileComplete } from './complete.js';
import { compileGetPrompt } from './getPrompt.js';
import { compileListPrompts } from './listPrompts.js';
import { compileListResources } from './listResources.js';
import { compileListResourceTemplates } from './listResourceTemplates.js';
import { compileListTools } from './listTools.js';
import { compilePing } from './ping.js';
import { compileSubscribe } from './subscribe.js';
import { compileUnsubscribe } from './unsubscribe.js';
import { compileContract } from './contract.js';
import { compileParallel } from './parallel.js';
import { compileRead } from './read.js';
import { compileRootsStep } from './roots.js';
import { compileReferences } from './references.js';
import { compileScratchRepo } from './scratchRepo.js';
import { compileServer } from './server.js';
import { compileSql } from './sql.js';
import { compileWait } from './wait.js';
import { compileWaitFor } from './waitFor.js';

export type StepCompiler<K extends StepKind> = (doc: StepDocs[K], site: StepSite, ctx: StepContext) => K extends StepPlanKind ? StepPlans[K] : never;

/** Kinds in `A` but not in `B` must hold `never`, which no compiler is: a document kind without a plan
 * kind, or a plan kind without a document kind, is a compile error here. */
type Unpaired<A, B> = { readonly [K in Exclude<A, B> & string]: never };

export const compilers: { readonly [K in StepKind]: StepCompiler<K> } & Unpaired<StepKind, StepPlanKind> & Unpaired<StepPlanKind, StepKind> = {
  call: compileCall,
  read: compileRead,
  list_tools: compileListTools,
  list_prompts: compileListPrompts,
  get_prompt: compileGetPrompt,
  list_resources: compileListResources,
  list_resource_templates: compileListResourceTemplates,
  complete: compileComplete,
  ping: compilePing,
  subscribe: compileSubscribe,
  unsubscribe: compileUnsubscribe,
  contract: compileContract,
  sql: compileSql,
  http: compileHttp,
  fault: compileFault,
  server: compileServer,
  wait: compileWait,
  wait_for: compileWaitFor,
  parallel: compileParallel,
  include: compileInclude,
  references: compileReferences,
  scratch_repo: compileScratchRepo,
  file: compileFile,
  roots: compileRootsStep,
};
