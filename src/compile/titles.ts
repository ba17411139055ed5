// Default step titles, for steps without `name`: short, and saying what the step does.
import type { FaultDoc, StepDoc, StepKind } from '../load/journey.js';

const QUERY_PREVIEW = 48;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function faultTitle(fault: FaultDoc): string {
  if (fault.clear !== undefined) return `fault clear ${([] as string[]).concat(fault.clear).join(', ')}`;
  const kinds = ['down', 'latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data']
    .filter((k) => fault[k as keyof FaultDoc] !== undefined);
  const detail = fault.latency ? `latency ${fault.latency.ms}ms` : kinds.join(', ');
  return `fault ${fault.target ?? ''} ${detail}`.replace(/\s+/g, ' ').trim();
}

export function defaultTitle(kind: StepKind, doc: StepDoc): string {
  const d = doc as unknown as Record<string, unknown>;
  switch (kind) {
    case 'call': return `call ${String(d['call'])}`;
    case 'read': {
      const read = d['read'] as { server: string; uri: string };
      return `read ${read.server} ${read.uri}`;
    }
    case 'list_tools': return `list_tools ${String(d['list_tools'])}`;
    case 'sql': {
      const sql = d['sql'] as { connection: string; query: string };
      return `sql ${sql.connection}: ${oneLine(sql.query, QUERY_PREVIEW)}`;
    }
    case 'http': {
      const http = d['http'] as { server: string; path: string; method?: string };
      return `http ${http.method ?? 'GET'} ${http.server} ${http.path}`;
    }
    case 'fault': return faultTitle(d['fault'] as FaultDoc);
    case 'server': {
      const server = d['server'] as { action: string; target: string | string[] };
      return `server ${server.action} ${([] as string[]).concat(server.target).join(', ')}`;
    }
    case 'wait': return `wait ${String(d['wait'])}`;
    case 'parallel': {
      const p = d['parallel'] as StepDoc[] | { sessions: number; steps: StepDoc[] };
      return Array.isArray(p) ? `parallel: ${p.length} steps` : `parallel: ${p.sessions} sessions × ${p.steps.length} steps`;
    }
    case 'include': return `include ${String(d['include'])}`;
    case 'references': {
      const r = d['references'] as { vars: string[]; resolve: string };
      return `references ${r.vars.join(', ')} via ${r.resolve}`;
    }
    case 'scratch_repo': return `scratch_repo ${(d['scratch_repo'] as { from: string }).from}`;
    case 'file': {
      const f = d['file'] as { path: string; write?: string; append?: string; delete?: boolean };
      const op = f.delete ? 'delete' : f.append !== undefined ? 'append' : 'write';
      return `file ${op} ${f.path}`;
    }
  }
}
