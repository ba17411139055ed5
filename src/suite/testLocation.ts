// Playwright documents no way to say where a test is declared: it takes a test's location from the stack
// frame that calls `test(...)`. This file is the one place that relies on that. The call is compiled with
// the YAML file as its filename and a line offset that puts it, column 1, on the journey's own line, so
// Playwright's output, `--list` and `file:line` filters point at the YAML. test/unit/testLocation.test.ts
// fails if a Playwright upgrade takes the location some other way.
import { runInThisContext } from 'node:vm';

export interface DeclaredAt {
  file: string;
  line: number;
}

type Declare<Details, Body> = (title: string, details: Details, body: Body) => void;
type Located<Details, Body> = (declare: Declare<Details, Body>, title: string, details: Details, body: Body) => void;

// The call sits on line 2, column 1; lineOffset shifts it onto the wanted line. `declare` must be
// Playwright's own `test`: a wrapper in between would be the frame Playwright reads.
const SOURCE = '(function (declare, title, details, body) {\ndeclare(title, details, body);\n})';

/** `declare(title, details, body)`, called from a frame at `at.file:at.line:1`. */
export function declareAt<Details, Body>(at: DeclaredAt, declare: Declare<Details, Body>, title: string, details: Details, body: Body): void {
  const located = runInThisContext(SOURCE, { filename: at.file, lineOffset: at.line - 2, columnOffset: 0 }) as Located<Details, Body>;
  located(declare, title, details, body);
}
