// json.Decoder.Decode as the real server calls it: reads the first JSON value of the body (ignoring
// what follows), reports syntax errors in Go's words, and keeps number literals so int fields can
// reject "1.5" or "1e3" exactly as Go does.

export class JsonSyntaxError extends Error {}

/** A number as written, because Go decides int-ness from the literal, not the value. */
export class GoNumber {
  constructor(readonly literal: string) {}

  get value(): number {
    return Number(this.literal);
  }
}

export type GoJsonValue = null | boolean | string | GoNumber | GoJsonValue[] | { [key: string]: GoJsonValue };

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Go's quoteChar: the offending byte as its scanner prints it. */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  const named: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v' };
  return `'${named[byte] ?? `\\x${byte.toString(16).padStart(2, '0')}`}'`;
}

class Parser {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  value(): GoJsonValue {
    const c = this.next();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    throw this.invalid(c, 'looking for beginning of value');
  }

  skipSpace(): boolean {
    while (this.at < this.bytes.length && SPACE.has(this.bytes[this.at] ?? 0)) this.at++;
    return this.at < this.bytes.length;
  }

  private peek(): number {
    const c = this.bytes[this.at];
    if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
    return c;
  }

  /** The next non-space byte, not consumed. */
  private next(): number {
    this.skipSpace();
    return this.peek();
  }

  private invalid(byte: number, context: string): JsonSyntaxError {
    return new JsonSyntaxError(`invalid character ${quoteChar(byte)} ${context}`);
  }

  private object(): GoJsonValue {
    this.at++;
    const result: Record<string, GoJsonValue> = {};
    if (this.next() === 0x7d) {
      this.at++;
      return result;
    }
    for (;;) {
      const c = this.next();
      if (c !== 0x22) throw this.invalid(c, 'looking for beginning of object key string');
      const key = this.string();
      const colon = this.next();
      if (colon !== 0x3a) throw this.invalid(colon, 'after object key');
      this.at++;
      result[key] = this.value();
      const after = this.next();
      this.at++;
      if (after === 0x7d) return result;
      if (after !== 0x2c) throw this.invalid(after, 'after object key:value pair');
    }
  }

  private array(): GoJsonValue {
    this.at++;
    const result: GoJsonValue[] = [];
    if (this.next() === 0x5d) {
      this.at++;
      return result;
    }
    for (;;) {
      result.push(this.value());
      const after = this.next();
      this.at++;
      if (after === 0x5d) return result;
      if (after !== 0x2c) throw this.invalid(after, 'after array element');
    }
  }

  private string(): string {
    const start = this.at;
    this.at++;
    for (;;) {
      const c = this.peek();
      this.at++;
      if (c === 0x22) break;
      if (c < 0x20) throw this.invalid(c, 'in string literal');
      if (c !== 0x5c) continue;
      const escape = this.peek();
      this.at++;
      if (escape === 0x75) {
        for (let i = 0; i < 4; i++) {
          const hex = this.peek();
          if (!/[0-9a-fA-F]/.test(String.fromCharCode(hex))) throw this.invalid(hex, 'in \\u hexadecimal character escape');
          this.at++;
        }
      } else if (!'"\\/bfnrt'.includes(String.fromCharCode(escape))) {
        throw this.invalid(escape, 'in string escape code');
      }
    }
    const text = JSON.parse(this.bytes.subarray(start, this.at).toString('utf8')) as unknown;
    return typeof text === 'string' ? text : '';
  }

  private digits(context: string, required: boolean): void {
    const c = this.bytes[this.at];
    if (required && (c === undefined || c < 0x30 || c > 0x39)) {
      if (c === undefined) throw new JsonSyntaxError('unexpected EOF');
      throw this.invalid(c, context);
    }
    while (this.at < this.bytes.length && (this.bytes[this.at] ?? 0) >= 0x30 && (this.bytes[this.at] ?? 0) <= 0x39) this.at++;
  }

  private number(): GoNumber {
    const start = this.at;
    if (this.bytes[this.at] === 0x2d) {
      this.at++;
      const c = this.peek();
      if (c < 0x30 || c > 0x39) throw this.invalid(c, 'in numeric literal');
    }
    if (this.bytes[this.at] === 0x30) this.at++;
    else this.digits('in numeric literal', true);
    if (this.bytes[this.at] === 0x2e) {
      this.at++;
      this.digits('after decimal point in numeric literal', true);
    }
    if (this.bytes[this.at] === 0x65 || this.bytes[this.at] === 0x45) {
      this.at++;
      if (this.bytes[this.at] === 0x2b || this.bytes[this.at] === 0x2d) this.at++;
      this.digits('in exponent of numeric literal', true);
    }
    return new GoNumber(this.bytes.subarray(start, this.at).toString('latin1'));
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      const c = this.peek();
      if (c !== word.charCodeAt(i)) throw this.invalid(c, `in literal ${word} (expecting ${quoteChar(word.charCodeAt(i))})`);
      this.at++;
    }
    return value;
  }
}

/** The first JSON value in `body`; "EOF" when there is none, "unexpected EOF" when it is cut short. */
export function readJsonValue(body: Buffer | string): GoJsonValue {
  const parser = new Parser(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  if (!parser.skipSpace()) throw new JsonSyntaxError('EOF');
  return parser.value();
}
