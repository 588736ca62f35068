// Test-side readers for what src/core/iac.ts writes, written from the languages' rules
// (docs/iac.md), not from the writer: a CloudFormation resolver for the intrinsic functions the
// template may use (anything else throws), and a reader for the subset of HCL a Terraform
// snippet may use (anything else throws — a directive `%{`, an unknown escape, a raw line break
// in a string, a second attribute on a line).

// --- CloudFormation ---------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type CfnWorld = {
  partition: string;
  accountId: string;
  /** Parameter values given at stack creation; defaults otherwise. */
  parameters?: Record<string, string>;
};

/** Resolves every intrinsic function in `value`, as CloudFormation would in `world`. */
export function cfnResolve(template: Json, value: unknown, world: CfnWorld): unknown {
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: string }>;
  const resources = (template.Resources ?? {}) as Record<
    string,
    { Type: string; Properties: Json }
  >;
  const mappings = (template.Mappings ?? {}) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  const ref = (name: string): unknown => {
    if (name === 'AWS::Partition') return world.partition;
    if (name === 'AWS::AccountId') return world.accountId;
    if (name in parameters) {
      const given = world.parameters?.[name] ?? parameters[name]!.Default;
      if (given === undefined) throw new Error(`parameter ${name} has no value`);
      return given;
    }
    const resource = resources[name];
    if (resource?.Type === 'AWS::IAM::ManagedPolicy')
      return `arn:${world.partition}:iam::${world.accountId}:policy/${resolve(resource.Properties.ManagedPolicyName) as string}`;
    if (resource?.Type === 'AWS::IAM::Role') return resolve(resource.Properties.RoleName);
    throw new Error(`Ref to unknown ${name}`);
  };
  const sub = (text: string, vars: Json): string => {
    let out = '';
    for (let i = 0; i < text.length;) {
      if (text.startsWith('${!', i)) {
        out += '${';
        i += 3;
      } else if (text.startsWith('${', i)) {
        const end = text.indexOf('}', i);
        if (end < 0) throw new Error('unclosed ${ in Fn::Sub');
        const name = text.slice(i + 2, end);
        out += String(name in vars ? resolve(vars[name]) : ref(name));
        i = end + 1;
      } else {
        out += text[i];
        i += 1;
      }
    }
    return out;
  };
  function resolve(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(resolve);
    if (!isObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = v[key];
      if (key === 'Ref') return ref(arg as string);
      if (key === 'Fn::Sub')
        return Array.isArray(arg) ? sub(arg[0] as string, arg[1] as Json) : sub(arg as string, {});
      if (key === 'Fn::FindInMap') {
        const [map, top, second] = (arg as unknown[]).map(resolve) as string[];
        const found = mappings[map!]?.[top!]?.[second!];
        if (found === undefined) throw new Error(`Fn::FindInMap: no ${map}/${top}/${second}`);
        return found;
      }
      if (key === 'Fn::GetAtt') {
        const [name, attribute] = arg as [string, string];
        if (resources[name]?.Type === 'AWS::IAM::Role' && attribute === 'Arn')
          return `arn:${world.partition}:iam::${world.accountId}:role/${ref(name) as string}`;
        throw new Error(`Fn::GetAtt ${name}.${attribute}`);
      }
      if (key.startsWith('Fn::') || key === 'Condition') throw new Error(`unexpected ${key}`);
    }
    return Object.fromEntries(keys.map((k) => [k, resolve(v[k])]));
  }
  return resolve(value);
}

// --- HCL --------------------------------------------------------------------------------------

export type HclNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: (string | HclNode)[] }
  | { kind: 'ref'; path: string[] }
  | { kind: 'call'; name: string; args: HclNode[] }
  | { kind: 'equals'; left: HclNode; right: HclNode }
  | { kind: 'tuple'; items: HclNode[] }
  | { kind: 'object'; entries: [HclNode, HclNode][] };

export type HclBody = {
  attributes: Map<string, HclNode>;
  blocks: { type: string; labels: string[]; body: HclBody }[];
};

type Token =
  | { t: 'nl' }
  | { t: 'ident'; v: string }
  | { t: 'number'; v: number }
  | { t: 'string'; parts: (string | HclNode)[] }
  | { t: 'punct'; v: string };

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') i += 1;
    else if (c === '\n') {
      tokens.push({ t: 'nl' });
      i += 1;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i += 1;
    } else if (c === '"') {
      const [parts, end] = readTemplate(src, i + 1);
      tokens.push({ t: 'string', parts });
      i = end;
    } else if (src.startsWith('==', i)) {
      tokens.push({ t: 'punct', v: '==' });
      i += 2;
    } else if ('{}[](),=.-'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i += 1;
    } else {
      IDENT.lastIndex = i;
      NUMBER.lastIndex = i;
      const id = IDENT.exec(src);
      const num = id ? null : NUMBER.exec(src);
      if (id) tokens.push({ t: 'ident', v: id[0] });
      else if (num) tokens.push({ t: 'number', v: Number(num[0]) });
      else throw new Error(`HCL: unexpected ${JSON.stringify(c)} at ${i}`);
      i += (id ?? num)![0].length;
    }
  }
  return tokens;
}

/**
 * A quoted template from just after its opening quote: its literal parts and interpolations,
 * and where it ends. Escapes: \n \r \t \" \\ \uNNNN \UNNNNNNNN; `$${` and `%%{` are literal
 * `${` and `%{`; `${` starts an interpolation; `%{` a directive (refused here).
 */
function readTemplate(src: string, start: number): [(string | HclNode)[], number] {
  const parts: (string | HclNode)[] = [];
  let text = '';
  let i = start;
  for (;;) {
    if (i >= src.length) throw new Error('HCL: unterminated string');
    const c = src[i]!;
    if (c === '"') break;
    if (c === '\n' || c === '\r') throw new Error('HCL: line break in a quoted string');
    if (c === '\\') {
      const e = src[i + 1];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e !== undefined && e in simple) {
        text += simple[e];
        i += 2;
      } else if (e === 'u' || e === 'U') {
        const width = e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + width);
        if (!(width === 4 ? /^[0-9a-fA-F]{4}$/ : /^[0-9a-fA-F]{8}$/).test(hex))
          throw new Error('HCL: bad \\u');
        text += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + width;
      } else throw new Error(`HCL: unknown escape \\${e}`);
    } else if (src.startsWith('$${', i) || src.startsWith('%%{', i)) {
      text += `${c}{`;
      i += 3;
    } else if (src.startsWith('%{', i)) {
      throw new Error('HCL: template directive in a string');
    } else if (src.startsWith('${', i)) {
      const end = src.indexOf('}', i);
      if (end < 0) throw new Error('HCL: unclosed interpolation');
      if (text) parts.push(text);
      text = '';
      const inner = new Parser(tokenize(src.slice(i + 2, end)));
      parts.push(inner.expression());
      inner.done();
      i = end + 1;
    } else {
      const char = String.fromCodePoint(src.codePointAt(i)!);
      text += char;
      i += char.length;
    }
  }
  if (text || !parts.length) parts.push(text);
  return [parts, i + 1];
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
  private next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new Error('HCL: unexpected end');
    return token;
  }
  private isPunct(v: string): boolean {
    const token = this.peek();
    return token?.t === 'punct' && token.v === v;
  }
  private expect(v: string): void {
    const token = this.next();
    if (token.t !== 'punct' || token.v !== v) throw new Error(`HCL: expected ${v}`);
  }
  private skipNewlines(): void {
    while (this.peek()?.t === 'nl') this.at += 1;
  }
  done(): void {
    this.skipNewlines();
    if (this.peek()) throw new Error('HCL: trailing tokens');
  }

  body(closing: boolean): HclBody {
    const body: HclBody = { attributes: new Map(), blocks: [] };
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) {
        if (closing) throw new Error('HCL: unclosed block');
        return body;
      }
      if (closing && this.isPunct('}')) {
        this.at += 1;
        return body;
      }
      const name = this.next();
      if (name.t !== 'ident') throw new Error('HCL: expected a name');
      if (this.isPunct('=')) {
        this.at += 1;
        if (body.attributes.has(name.v)) throw new Error(`HCL: ${name.v} set twice`);
        body.attributes.set(name.v, this.expression());
      } else {
        const labels: string[] = [];
        while (this.peek()?.t === 'string') {
          const label = this.next() as Extract<Token, { t: 'string' }>;
          if (label.parts.length !== 1 || typeof label.parts[0] !== 'string')
            throw new Error('HCL: a label is a plain string');
          labels.push(label.parts[0]);
        }
        this.expect('{');
        body.blocks.push({ type: name.v, labels, body: this.body(true) });
      }
      // One attribute or block a line.
      const after = this.peek();
      if (after && after.t !== 'nl' && !(closing && this.isPunct('}')))
        throw new Error('HCL: expected a line break');
    }
  }

  expression(): HclNode {
    const left = this.operand();
    if (this.isPunct('==')) {
      this.at += 1;
      return { kind: 'equals', left, right: this.operand() };
    }
    return left;
  }

  private operand(): HclNode {
    const token = this.next();
    if (token.t === 'string') return { kind: 'template', parts: token.parts };
    if (token.t === 'number') return { kind: 'literal', value: token.v };
    if (token.t === 'punct' && token.v === '-') {
      const n = this.next();
      if (n.t !== 'number') throw new Error('HCL: - without a number');
      return { kind: 'literal', value: -n.v };
    }
    if (token.t === 'punct' && token.v === '[') {
      const items: HclNode[] = [];
      for (;;) {
        this.skipNewlines();
        if (this.isPunct(']')) break;
        items.push(this.expression());
        this.skipNewlines();
        if (this.isPunct(',')) this.at += 1;
        else if (!this.isPunct(']')) throw new Error('HCL: expected , or ]');
      }
      this.at += 1;
      return { kind: 'tuple', items };
    }
    if (token.t === 'punct' && token.v === '{') {
      const entries: [HclNode, HclNode][] = [];
      for (;;) {
        this.skipNewlines();
        if (this.isPunct('}')) break;
        const key = this.operand();
        this.expect('=');
        entries.push([key, this.expression()]);
        if (this.isPunct(',')) this.at += 1;
        else if (this.peek()?.t !== 'nl' && !this.isPunct('}'))
          throw new Error('HCL: expected a line break or , after an object item');
      }
      this.at += 1;
      return { kind: 'object', entries };
    }
    if (token.t === 'ident') {
      if (['true', 'false', 'null'].includes(token.v))
        return { kind: 'literal', value: token.v === 'null' ? null : token.v === 'true' };
      if (this.isPunct('(')) {
        this.at += 1;
        const args: HclNode[] = [];
        for (;;) {
          this.skipNewlines();
          if (this.isPunct(')')) break;
          args.push(this.expression());
          this.skipNewlines();
          if (this.isPunct(',')) this.at += 1;
        }
        this.at += 1;
        return { kind: 'call', name: token.v, args };
      }
      const path = [token.v];
      while (this.isPunct('.')) {
        this.at += 1;
        const part = this.next();
        if (part.t !== 'ident') throw new Error('HCL: expected a name after .');
        path.push(part.v);
      }
      return { kind: 'ref', path };
    }
    throw new Error(`HCL: unexpected token ${JSON.stringify(token)}`);
  }
}

/** The top-level body of an HCL file. */
export function parseHcl(src: string): HclBody {
  return new Parser(tokenize(src)).body(false);
}

/** A node's value, references answered by `lookup`; `jsonencode(x)` gives x as JSON would. */
export function hclEvaluate(node: HclNode, lookup: (path: string[]) => unknown): unknown {
  const evaluate = (n: HclNode): unknown => hclEvaluate(n, lookup);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'template': {
      if (node.parts.length === 1 && typeof node.parts[0] !== 'string')
        return evaluate(node.parts[0]!);
      return node.parts.map((p) => (typeof p === 'string' ? p : String(evaluate(p)))).join('');
    }
    case 'ref':
      return lookup(node.path);
    case 'equals':
      return evaluate(node.left) === evaluate(node.right);
    case 'tuple':
      return node.items.map(evaluate);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) {
        const key = k.kind === 'ref' && k.path.length === 1 ? k.path[0]! : evaluate(k);
        if (typeof key !== 'string') throw new Error('HCL: object key is not a string');
        if (key in out) throw new Error(`HCL: duplicate key ${key}`);
        out[key] = evaluate(v);
      }
      return out;
    }
    case 'call':
      if (node.name !== 'jsonencode' || node.args.length !== 1)
        throw new Error(`HCL: unexpected call ${node.name}`);
      return JSON.parse(JSON.stringify(evaluate(node.args[0]!))) as unknown;
  }
}
