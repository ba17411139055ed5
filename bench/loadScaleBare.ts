// The bare SDK clients of bench/loadScale.ts, in a process of their own so its RSS before the load (SDK
// loaded, nothing connected) is a clean baseline for memory per session. Argument: JSON { servers,
// shape, window }. Prints one JSON line { start } (Date.now() as the load starts) and, at the end, one
// { measured }.
import { setTimeout as sleep } from 'node:timers/promises';
import { bareLoad } from './loadWorkload.js';
import type { CountWindow, LoadShape, ServerUrls } from './loadWorkload.js';

const { servers, shape, window } = JSON.parse(process.argv[2] ?? '{}') as { servers: ServerUrls; shape: LoadShape; window: CountWindow };
// Idle samples for the parent to take before anything connects.
await sleep(1000);
process.stdout.write(`${JSON.stringify({ start: Date.now() })}\n`);
const measured = await bareLoad(servers, shape, window);
process.stdout.write(`${JSON.stringify({ measured })}\n`);
