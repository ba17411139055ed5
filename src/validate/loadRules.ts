// `load:` rules the schema cannot say plainly: breaking_point needs a threshold to break and runs its
// levels (start, step, level_duration) instead of a duration or iterations, and those keys mean nothing
// to another profile.
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { isRecord } from './walk.js';

const LEVEL_KEYS = ['start', 'step', 'level_duration'];
const SCHEDULE_KEYS = ['duration', 'iterations', 'ramp_up'];

export function checkLoadRules(source: LoadedFile, fragment: boolean): Diagnostic[] {
  const load = !fragment && isRecord(source.value) ? source.value['load'] : undefined;
  if (!isRecord(load)) return [];
  const out: Diagnostic[] = [];
  const profile = typeof load['profile'] === 'string' ? load['profile'] : 'normal';
  if (profile !== 'breaking_point') {
    for (const key of LEVEL_KEYS.filter((k) => load[k] !== undefined)) {
      out.push(diagnostic(source.file, 'JOURNEY_RULE', `${key} only applies to the breaking_point profile`, source.keyLocate(['load', key]), {
        expected: `profile: breaking_point with ${key}`, found: `profile: ${profile}`,
        hint: `remove ${key}, or set profile: breaking_point to step the sessions up level by level`,
      }));
    }
    return out;
  }
  const thresholds = load['thresholds'];
  if (!isRecord(thresholds) || (thresholds['p95_ms'] === undefined && thresholds['error_rate'] === undefined)) {
    out.push(diagnostic(source.file, 'JOURNEY_RULE', 'a breaking_point load needs a threshold to break', source.keyLocate(['load', 'profile']), {
      expected: 'thresholds with p95_ms, error_rate or both', found: isRecord(thresholds) ? 'thresholds without p95_ms or error_rate' : 'no thresholds',
      hint: 'for example: thresholds: { p95_ms: 500, error_rate: 0.01 } (a server crash breaks a level too)',
    }));
  }
  for (const key of SCHEDULE_KEYS.filter((k) => load[k] !== undefined)) {
    out.push(diagnostic(source.file, 'JOURNEY_RULE', `breaking_point runs its levels, so ${key} does not apply`, source.keyLocate(['load', key]), {
      expected: 'start, step and level_duration', found: key,
      hint: 'the load lasts at most (levels × level_duration); set level_duration to hold each level longer',
    }));
  }
  const start = load['start'];
  const sessions = load['sessions'];
  if (typeof start === 'number' && typeof sessions === 'number' && start > sessions) {
    out.push(diagnostic(source.file, 'JOURNEY_RULE', `start (${start}) is above sessions (${sessions}), the last level`, source.locate(['load', 'start']), {
      expected: `start at most ${sessions}`, found: String(start), hint: 'sessions is the highest level tried: raise it, or lower start',
    }));
  }
  return out;
}
