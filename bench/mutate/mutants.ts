/**
 * Mutants of a model's rule code: single-token changes found on the
 * TypeScript syntax tree of one source file. Left alone: printing
 * (describe*, *Text, *Names), labels and messages (template and string
 * literals, label/description fields), types, module-level metadata
 * (parameter defaults and ranges), and input validation (an `if` whose
 * branch throws ModelConfigError: unit tests cover it, specs cannot).
 */
import ts from 'typescript';

export interface Mutant {
  /** Stable id: file:line:col:operator. */
  readonly id: string;
  readonly file: string;
  readonly line: number;
  /** The enclosing named function, for reading the report. */
  readonly fn: string;
  readonly from: string;
  readonly to: string;
  /** Replace source[start, end) by `to`. */
  readonly start: number;
  readonly end: number;
}

const K = ts.SyntaxKind;
const MODULE = '(module)';

/** Binary operator swaps: boundary (< ↔ <=), negation (=== ↔ !==), logical and arithmetic flips. */
const BINARY: ReadonlyMap<ts.SyntaxKind, readonly string[]> = new Map([
  [K.LessThanToken, ['<=', '>=']],
  [K.LessThanEqualsToken, ['<', '>']],
  [K.GreaterThanToken, ['>=', '<=']],
  [K.GreaterThanEqualsToken, ['>', '<']],
  [K.EqualsEqualsEqualsToken, ['!==']],
  [K.ExclamationEqualsEqualsToken, ['===']],
  [K.AmpersandAmpersandToken, ['||']],
  [K.BarBarToken, ['&&']],
  [K.PlusToken, ['-']],
  [K.MinusToken, ['+']],
  [K.AsteriskToken, ['/']],
  [K.AmpersandToken, ['|']],
  [K.BarToken, ['&']],
  [K.QuestionQuestionToken, ['&&']],
]);

const SKIP_FUNCTIONS = /^describe|Text$|Names$|^show/;

/**
 * Out of the specs' reach by design, so not rule code to score: the hooks
 * only `synod simulate` reads (which deliveries restart a timer, what a
 * simulator observes of a node), and the helpers of a property (the
 * specification itself, like properties.ts): raft/overlap.ts and the
 * disjoint-quorum search it uses.
 */
export function outOfScope(file: string, fn: string): string | undefined {
  if (/(Restarts|Observe)$/.test(fn)) return 'simulator hook: read only by synod simulate (netsim), never by the model checker';
  if (/\/raft\/overlap\.ts$/.test(file) || fn === 'disjointQuorums') return 'property code: the configurationsOverlap invariant (the specification), not a rule';
  if (/\/witnesses\.ts$/.test(file)) return 'property code: reachability witnesses (what a correct spec must reach, the specification), not a rule';
  return undefined;
}
const SKIP_PROPERTIES = new Set(['label', 'description', 'reproduces', 'summary', 'describeMessage', 'describeState', 'name']);

function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name !== undefined) return node.name.getText();
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent !== undefined) {
    const p = node.parent;
    if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) && p.name !== undefined) return p.name.getText();
  }
  return undefined;
}

function throwsConfigError(s: ts.Statement): boolean {
  return /throw new ModelConfigError/.test(s.getText());
}

export function mutantsOf(file: string, source: string): Mutant[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Mutant[] = [];
  const add = (node: ts.Node, start: number, end: number, to: string, fn: string): void => {
    // Outside every function is metadata (parameter defaults and ranges, bug texts), not rule code.
    if (fn === MODULE) return;
    const { line, character } = sf.getLineAndCharacterOfPosition(start);
    const from = source.slice(start, end);
    out.push({ id: `${file}:${line + 1}:${character + 1}:${from}->${to}`, file, line: line + 1, fn, from, to, start, end });
  };
  const visit = (node: ts.Node, fn: string): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node)) return;
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) return;
    if (ts.isPropertyAssignment(node) && SKIP_PROPERTIES.has(node.name.getText())) return;
    if (ts.isIfStatement(node) && throwsConfigError(node.thenStatement)) return;
    const name = functionName(node);
    if (name !== undefined && SKIP_FUNCTIONS.test(name)) return;
    const here = name ?? fn;
    if (name !== undefined && outOfScope(file, name) !== undefined) return;
    if (ts.isBinaryExpression(node)) {
      const swaps = BINARY.get(node.operatorToken.kind);
      if (swaps !== undefined) for (const to of swaps) add(node, node.operatorToken.getStart(sf), node.operatorToken.getEnd(), to, here);
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === K.ExclamationToken) {
      add(node, node.getStart(sf), node.operand.getStart(sf), '', here);
    } else if (node.kind === K.TrueKeyword) {
      add(node, node.getStart(sf), node.getEnd(), 'false', here);
    } else if (node.kind === K.FalseKeyword) {
      add(node, node.getStart(sf), node.getEnd(), 'true', here);
    } else if (ts.isNumericLiteral(node)) {
      const v = Number(node.text);
      add(node, node.getStart(sf), node.getEnd(), String(v === 0 ? 1 : v - 1), here);
      if (v !== 0) add(node, node.getStart(sf), node.getEnd(), String(v + 1), here);
    } else if (ts.isIdentifier(node) && (node.text === 'max' || node.text === 'min') && ts.isPropertyAccessExpression(node.parent) && node.parent.expression.getText() === 'Math') {
      add(node, node.getStart(sf), node.getEnd(), node.text === 'max' ? 'min' : 'max', here);
    }
    ts.forEachChild(node, (c) => visit(c, here));
  };
  visit(sf, MODULE);
  return out;
}

export function applyMutant(source: string, m: Mutant): string {
  return source.slice(0, m.start) + m.to + source.slice(m.end);
}
