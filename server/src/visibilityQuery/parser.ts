// Temporal's visibility query language (the List filter): a small recursive-descent parser.
// No npm package parses this dialect (backticked names, STARTS_WITH, Temporal's value rules) with
// source offsets, and generic SQL parsers reject it; the grammar is ~15 productions.
// Offsets are into the caller's own text so problems land where the user typed them.

export type TokenKind =
  'name' | 'string' | 'number' | 'operator' | 'keyword' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Keywords upper-cased, strings unquoted, backticked names without backticks. */
  value: string;
  start: number;
  end: number;
}

export interface QueryProblem {
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

export type Value = {
  kind: 'string' | 'number' | 'bool' | 'null';
  text: string;
  start: number;
  end: number;
};

export type Operator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'BETWEEN'
  | 'NOT BETWEEN'
  | 'STARTS_WITH'
  | 'IS NULL'
  | 'IS NOT NULL';

export interface Predicate {
  kind: 'predicate';
  attribute: { name: string; start: number; end: number };
  operator: Operator;
  operatorStart: number;
  values: Value[];
}

export type Expression =
  | Predicate
  | { kind: 'and' | 'or'; left: Expression; right: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'group'; inner: Expression };

export interface ParsedQuery {
  where?: Expression;
  orderBy: {
    attribute: { name: string; start: number; end: number };
    direction?: 'ASC' | 'DESC';
  }[];
  problems: QueryProblem[];
  tokens: Token[];
}

const keywords = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'BETWEEN',
  'STARTS_WITH',
  'IS',
  'NULL',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'TRUE',
  'FALSE',
  'LIKE',
]);

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
      if (i >= text.length)
        throw new QuerySyntaxError(`Unterminated string: add the closing ${c}`, start, text.length);
      i++;
      tokens.push({ kind: 'string', value, start, end: i });
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0)
        throw new QuerySyntaxError(
          'Unterminated `name`: add the closing backtick',
          start,
          text.length,
        );
      i = close + 1;
      tokens.push({ kind: 'name', value: text.slice(start + 1, close), start, end: i });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i])) i++;
      const value = text.slice(start, i);
      if (!Number.isFinite(Number(value)))
        throw new QuerySyntaxError(`'${value}' is not a number`, start, i);
      tokens.push({ kind: 'number', value, start, end: i });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_.]/.test(text[i])) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      tokens.push(
        keywords.has(upper)
          ? { kind: 'keyword', value: upper, start, end: i }
          : { kind: 'name', value: word, start, end: i },
      );
    } else if (c === '(' || c === ')' || c === ',') {
      i++;
      tokens.push({
        kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma',
        value: c,
        start,
        end: i,
      });
    } else {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<>', '>=', '<='].includes(two)
        ? two
        : ['=', '>', '<'].includes(c)
          ? c
          : undefined;
      if (!op) throw new QuerySyntaxError(`Unexpected character '${c}'`, start, start + 1);
      i += op.length;
      tokens.push({ kind: 'operator', value: op === '<>' ? '!=' : op, start, end: i });
    }
  }
  tokens.push({ kind: 'eof', value: '', start: text.length, end: text.length });
  return tokens;
}

class Parser {
  pos = 0;
  constructor(readonly tokens: Token[]) {}

  tok(): Token {
    return this.tokens[this.pos];
  }

  isKeyword(...words: string[]): boolean {
    return this.tok().kind === 'keyword' && words.includes(this.tok().value);
  }

  expectKeyword(word: string, context: string): Token {
    if (!this.isKeyword(word))
      this.fail(`Expected ${word} ${context} but found ${describe(this.tok())}`);
    return this.tokens[this.pos++];
  }

  fail(message: string, token = this.tok()): never {
    throw new QuerySyntaxError(message, token.start, Math.max(token.end, token.start + 1));
  }

  query(): Pick<ParsedQuery, 'where' | 'orderBy'> {
    const where = this.isKeyword('ORDER') || this.tok().kind === 'eof' ? undefined : this.or();
    const orderBy: ParsedQuery['orderBy'] = [];
    if (this.isKeyword('ORDER')) {
      this.pos++;
      this.expectKeyword('BY', 'after ORDER');
      do {
        if (orderBy.length) this.pos++;
        const attribute = this.attribute('ORDER BY');
        const direction = this.isKeyword('ASC', 'DESC')
          ? (this.tokens[this.pos++].value as 'ASC' | 'DESC')
          : undefined;
        orderBy.push({ attribute, direction });
      } while (this.tok().kind === 'comma');
    }
    if (this.tok().kind === 'rparen') this.fail("Unmatched ')'");
    if (this.tok().kind !== 'eof')
      this.fail(`Expected AND, OR or the end of the query but found ${describe(this.tok())}`);
    return { where, orderBy };
  }

  or(): Expression {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  and(): Expression {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.pos++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  unary(): Expression {
    if (this.isKeyword('NOT')) {
      this.pos++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.tok().kind === 'lparen') {
      const open = this.tokens[this.pos++];
      const inner = this.or();
      if (this.tok().kind !== 'rparen')
        this.fail(
          `Expected ')' to close the '(' at offset ${open.start} but found ${describe(this.tok())}`,
        );
      this.pos++;
      return { kind: 'group', inner };
    }
    return this.predicate();
  }

  attribute(context: string): Predicate['attribute'] {
    const t = this.tok();
    if (t.kind !== 'name')
      this.fail(
        `Expected a search attribute name ${context === 'ORDER BY' ? 'after ORDER BY' : ''} but found ${describe(t)}`.replace(
          '  ',
          ' ',
        ),
      );
    this.pos++;
    return { name: t.value, start: t.start, end: t.end };
  }

  predicate(): Predicate {
    const attribute = this.attribute('');
    const opToken = this.tok();
    const make = (operator: Operator, values: Value[]): Predicate => ({
      kind: 'predicate',
      attribute,
      operator,
      operatorStart: opToken.start,
      values,
    });
    if (opToken.kind === 'operator') {
      this.pos++;
      return make(opToken.value as Operator, [this.value(opToken.value)]);
    }
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.pos++;
      negated = true;
      if (!this.isKeyword('IN', 'BETWEEN'))
        this.fail(
          `Expected IN or BETWEEN after ${attribute.name} NOT but found ${describe(this.tok())}`,
        );
    }
    if (this.isKeyword('IN')) {
      this.pos++;
      if (this.tok().kind !== 'lparen')
        this.fail(`Expected '(' after IN but found ${describe(this.tok())}`);
      this.pos++;
      const values = [this.value('IN')];
      while (this.tok().kind === 'comma') {
        this.pos++;
        values.push(this.value('IN'));
      }
      if (this.tok().kind !== 'rparen')
        this.fail(`Expected ',' or ')' in the IN list but found ${describe(this.tok())}`);
      this.pos++;
      return make(negated ? 'NOT IN' : 'IN', values);
    }
    if (this.isKeyword('BETWEEN')) {
      this.pos++;
      const low = this.value('BETWEEN');
      this.expectKeyword('AND', 'between the two BETWEEN values');
      return make(negated ? 'NOT BETWEEN' : 'BETWEEN', [low, this.value('BETWEEN ... AND')]);
    }
    if (this.isKeyword('STARTS_WITH')) {
      this.pos++;
      return make('STARTS_WITH', [this.value('STARTS_WITH')]);
    }
    if (this.isKeyword('IS')) {
      this.pos++;
      const not = this.isKeyword('NOT');
      if (not) this.pos++;
      this.expectKeyword('NULL', not ? 'after IS NOT' : 'after IS');
      return make(not ? 'IS NOT NULL' : 'IS NULL', []);
    }
    if (this.isKeyword('LIKE'))
      this.fail('LIKE is not supported by Temporal visibility: use STARTS_WITH');
    this.fail(
      `Expected an operator (=, !=, >, >=, <, <=, IN, BETWEEN, STARTS_WITH, IS NULL) after ${attribute.name} but found ${describe(opToken)}`,
    );
  }

  value(after: string): Value {
    const t = this.tok();
    if (t.kind === 'string' || t.kind === 'number') {
      this.pos++;
      return { kind: t.kind, text: t.value, start: t.start, end: t.end };
    }
    if (this.isKeyword('TRUE', 'FALSE')) {
      this.pos++;
      return { kind: 'bool', text: t.value.toLowerCase(), start: t.start, end: t.end };
    }
    if (t.kind === 'name')
      this.fail(
        `Expected a value after ${after} but found the name ${t.value}: quote strings and datetimes ('${t.value}')`,
      );
    this.fail(`Expected a value after ${after} but found ${describe(t)}`);
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the query';
  if (t.kind === 'string') return `the string '${t.value}'`;
  return `'${t.kind === 'name' && t.end - t.start !== t.value.length ? `\`${t.value}\`` : t.value}'`;
}

/** Parses a query; syntax problems come back in `problems` (at most one: parsing stops there). */
export function parseVisibilityQuery(text: string): ParsedQuery {
  let tokens: Token[] = [];
  try {
    tokens = tokenize(text);
    const parser = new Parser(tokens);
    return { ...parser.query(), problems: [], tokens };
  } catch (err) {
    if (!(err instanceof QuerySyntaxError)) throw err;
    return {
      orderBy: [],
      problems: [{ message: err.message, start: err.start, end: err.end, severity: 'error' }],
      tokens,
    };
  }
}

/** Every predicate of an expression, left to right. */
export function predicates(e: Expression | undefined): Predicate[] {
  if (!e) return [];
  switch (e.kind) {
    case 'predicate':
      return [e];
    case 'and':
    case 'or':
      return [...predicates(e.left), ...predicates(e.right)];
    case 'not':
      return predicates(e.operand);
    case 'group':
      return predicates(e.inner);
  }
}
