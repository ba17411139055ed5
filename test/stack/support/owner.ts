// A process that owns a stack and ends the way the test asks: waits for a signal (`wait`), or calls
// process.exit(5) without stopping it (`exit`). Prints the stack's footprint as one JSON line first.
//   node --import tsx test/stack/support/owner.ts wait|exit
import { startStack } from '../../../src/servers/startStack.js';
import { footprint } from './leftovers.js';

const stack = await startStack();
process.stdout.write(`${JSON.stringify(await footprint(stack))}\n`);
if (process.argv[2] === 'exit') process.exit(5);
setInterval(() => undefined, 60_000);
