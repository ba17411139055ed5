// `http: { server, path, method?, headers?, body? }`; GET without headers unless written.
import type { HttpStepDoc } from '../../load/journey.js';
import type { HttpStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileHttp(d: HttpStepDoc, site: StepSite, ctx: StepContext): HttpStepPlan {
  const plan: HttpStepPlan = {
    kind: 'http', ...site.base, ...outcomeParts(d, site, ctx), server: d.http.server, path: d.http.path, method: d.http.method ?? 'GET', headers: d.http.headers ?? {},
  };
  return d.http.body === undefined ? plan : { ...plan, body: d.http.body };
}
