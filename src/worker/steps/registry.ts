// One executor per step kind. A new kind is a new file and one line here.
import type { StepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { runBenchmarkCall } from '../perf/benchmarkCall.js';
import { runCall } from './call.js';
import { runFault } from './fault.js';
import { runFile } from './file.js';
import { runHttp } from './http.js';
import { runInclude } from './include.js';
import { runContract } from './contract.js';
import { runListTools } from './listTools.js';
import { runParallel } from './parallel.js';
import { runProtocolStep } from './protocol.js';
import { runRead } from './read.js';
import { runRoots } from './roots.js';
import { runServer } from './server.js';
import { runReferences } from './references.js';
import { runScratchRepo } from './scratchRepo.js';
import { runSql } from './sql.js';
import { runWait } from './wait.js';
import { runWaitFor } from './waitFor.js';

type Executor<K extends StepPlan['kind']> = (step: Extract<StepPlan, { kind: K }>, ctx: RunContext) => Promise<void>;

export const executors: { [K in StepPlan['kind']]: Executor<K> } = {
  call: (step, ctx) => (step.benchmark ? runBenchmarkCall({ ...step, benchmark: step.benchmark }, ctx) : runCall(step, ctx)),
  read: runRead,
  list_tools: runListTools,
  list_prompts: runProtocolStep,
  get_prompt: runProtocolStep,
  list_resources: runProtocolStep,
  list_resource_templates: runProtocolStep,
  complete: runProtocolStep,
  ping: runProtocolStep,
  subscribe: runProtocolStep,
  unsubscribe: runProtocolStep,
  contract: runContract,
  sql: runSql,
  wait: runWait,
  wait_for: runWaitFor,
  parallel: runParallel,
  include: runInclude,
  http: runHttp,
  fault: runFault,
  server: runServer,
  references: runReferences,
  scratch_repo: runScratchRepo,
  file: runFile,
  roots: runRoots,
};

export function executeStep(step: StepPlan, ctx: RunContext): Promise<void> {
  const run = executors[step.kind] as Executor<StepPlan['kind']>;
  return run(step, ctx);
}
