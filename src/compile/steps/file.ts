// `file: { path, write | append | delete }`.
import type { FileStepDoc } from '../../load/journey.js';
import type { FileStepPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

export function compileFile(d: FileStepDoc, site: StepSite, _ctx: StepContext): FileStepPlan {
  const f = d.file;
  return {
    kind: 'file', ...site.base, path: f.path, ...(f.write === undefined ? {} : { write: f.write }), ...(f.append === undefined ? {} : { append: f.append }),
    ...(f.delete === undefined ? {} : { delete: f.delete }),
  };
}
