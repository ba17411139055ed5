// The embedded stack: the project's own stack definition (fixtures/mcp.json with fixtures/mcp.stack.json:
// one PostgreSQL cluster and the reference servers), launched like any user's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, loadMcpConfig } from '../mcp/mcpConfig.js';
import { loadStackDefinition, resolveStackPath } from '../mcp/stackDefinition.js';
import { launchStack, type LaunchOptions } from './launchStack.js';
import type { RunningStack } from './types.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type StackOptions = LaunchOptions;

/** The embedded stack always has its PostgreSQL cluster. */
export type EmbeddedStack = RunningStack & { postgres: NonNullable<RunningStack['postgres']> };

export async function startStack(options: StackOptions = {}): Promise<EmbeddedStack> {
  const env = options.processEnv ?? process.env;
  const stackFile = resolveStackPath(defaultConfig, {});
  if (!stackFile) throw new Error(`the embedded stack definition beside ${defaultConfig} is missing`);
  const stack = await launchStack(loadMcpConfig(defaultConfig, env), loadStackDefinition(stackFile, env), options);
  const { postgres } = stack;
  if (!postgres) {
    await stack.stop();
    throw new Error(`${stackFile} gives no server a database`);
  }
  return Object.assign(stack, { postgres });
}
