// What a reader needs to judge hardware variance between a baseline and a run: the figures are only
// comparable on comparable machines, so every result and every comparison carries these.
import { arch, cpus, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpu_model: string;
  cpu_cores: number;
  memory_bytes: number;
  node: string;
  os: string;
  /** Set when the CI environment variable is, so a laptop baseline is easy to tell from a CI one. */
  ci?: boolean;
}

export function machineInfo(env: NodeJS.ProcessEnv = process.env): MachineInfo {
  const list = cpus();
  const info: MachineInfo = {
    cpu_model: (list[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim() || 'unknown',
    cpu_cores: list.length,
    memory_bytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
  const ci = env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') info.ci = true;
  return info;
}

/** Same CPU model and core count: the figures of the two runs can be compared as they are. */
export function sameHardware(a: MachineInfo, b: MachineInfo): boolean {
  return a.cpu_model === b.cpu_model && a.cpu_cores === b.cpu_cores;
}

export function describeMachine(m: MachineInfo): string {
  const gib = (m.memory_bytes / 2 ** 30).toFixed(1);
  return `${m.cpu_model}, ${m.cpu_cores} cores, ${gib} GiB, Node ${m.node}, ${m.os}${m.ci ? ', CI' : ''}`;
}
