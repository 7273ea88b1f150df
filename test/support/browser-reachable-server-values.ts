// Finds values from modules that the browser build empties (*.server and
// @remix-run/node) in code that runs in the browser. Remix keeps only a
// route's browser exports (default, meta, links, ErrorBoundary…) and esbuild
// keeps every top-level statement that may have side effects, such as a zod
// schema built at import time. So a server value is a bug when it is used by
// anything reachable from those: a component, a helper it calls, or a
// top-level expression. Only loader, action, headers and what they alone use
// are dropped. A module that is not a route has no server-only part at all.
import ts from "typescript";

// The same patterns as the Remix compiler's emptyModulesPlugin.
export const isEmptiedInBrowser = (specifier: string) => /\.server(\.[jt]sx?)?$/.test(specifier) || /^@remix-run\/(deno|cloudflare|node)(\/.*)?$/.test(specifier);

// node_modules/@remix-run/dev/dist/compiler/js/plugins/routes.js: browserSafeRouteExports.
const BROWSER_EXPORTS = new Set(["clientAction", "clientLoader", "ErrorBoundary", "HydrateFallback", "Layout", "default", "handle", "links", "meta", "shouldRevalidate"]);

export type Misuse = { name: string; from: string; usedBy: string };

type Declaration = { names: string[]; exportedAs: string[]; node: ts.Node; sideEffects: boolean };

/** Imported value names from emptied modules, and the specifier each came from. */
function emptiedValueImports(source: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!isEmptiedInBrowser(from) || !clause || clause.isTypeOnly) continue;
    if (clause.name) names.set(clause.name.text, from);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, from);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.set(el.name.text, from);
  }
  return names;
}

/** Re-exports of emptied modules (`export { x } from "./a.server"`): always a value in the browser. */
function emptiedReExports(source: ts.SourceFile): Misuse[] {
  return source.statements.flatMap((s) =>
    ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && isEmptiedInBrowser(s.moduleSpecifier.text)
      ? [{ name: s.exportClause ? s.exportClause.getText(source) : "*", from: s.moduleSpecifier.text, usedBy: "a re-export" }]
      : [],
  );
}

/** Whether esbuild may keep an unused initializer because evaluating it could have effects. */
function mayHaveSideEffects(node: ts.Expression): boolean {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node) || ts.isIdentifier(node)) return false;
  if (ts.isLiteralExpression(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return false;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) return mayHaveSideEffects(node.expression);
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((s) => mayHaveSideEffects(s.expression));
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((e) => (ts.isSpreadElement(e) ? mayHaveSideEffects(e.expression) : mayHaveSideEffects(e)));
  if (ts.isObjectLiteralExpression(node))
    return node.properties.some((p) =>
      ts.isPropertyAssignment(p) ? ts.isComputedPropertyName(p.name) || mayHaveSideEffects(p.initializer) : ts.isSpreadAssignment(p) ? mayHaveSideEffects(p.expression) : false,
    );
  if (ts.isPrefixUnaryExpression(node)) return mayHaveSideEffects(node.operand);
  if (ts.isConditionalExpression(node)) return [node.condition, node.whenTrue, node.whenFalse].some(mayHaveSideEffects);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return mayHaveSideEffects(node.left) || mayHaveSideEffects(node.right);
  // Calls, `new`, property reads (a getter, or undefined.x), tagged templates…
  return true;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

function topLevelDeclarations(source: ts.SourceFile): Declaration[] {
  const declarations: Declaration[] = [];
  const reExported = new Map<string, string[]>(); // local name -> exported names, from `export { a as default }`
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) continue;
    if (ts.isModuleDeclaration(s) && hasModifier(s, ts.SyntaxKind.DeclareKeyword)) continue;
    const exported = hasModifier(s, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(s, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) {
      const name = s.name?.text ?? "default";
      declarations.push({ names: [name], exportedAs: exported ? [isDefault ? "default" : name] : [], node: s, sideEffects: ts.isEnumDeclaration(s) });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const names = bindingNames(d.name);
        declarations.push({ names, exportedAs: exported ? names : [], node: d, sideEffects: !!d.initializer && mayHaveSideEffects(d.initializer) });
      }
    } else if (ts.isExportAssignment(s)) {
      declarations.push({ names: [], exportedAs: ["default"], node: s.expression, sideEffects: mayHaveSideEffects(s.expression) });
    } else if (ts.isExportDeclaration(s)) {
      if (s.moduleSpecifier || s.isTypeOnly || !s.exportClause || !ts.isNamedExports(s.exportClause)) continue;
      for (const el of s.exportClause.elements) {
        const local = (el.propertyName ?? el.name).getText(source);
        reExported.set(local, [...(reExported.get(local) ?? []), el.name.getText(source)]);
      }
    } else {
      // Any other top-level statement runs when the module loads.
      declarations.push({ names: [], exportedAs: [], node: s, sideEffects: true });
    }
  }
  for (const d of declarations) for (const n of d.names) d.exportedAs.push(...(reExported.get(n) ?? []));
  return declarations;
}

/** The identifiers a piece of code refers to; types are left out, since they vanish. */
function referencedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isTypeNode(n) || ts.isTypeParameterDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isMethodDeclaration(p) && p.name === n) ||
        (ts.isPropertyDeclaration(p) && p.name === n) ||
        (ts.isBindingElement(p) && p.propertyName === n) ||
        (ts.isJsxAttribute(p) && p.name === n) ||
        (ts.isQualifiedName(p) && p.right === n) ||
        ts.isLabeledStatement(p);
      if (!isName) names.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/**
 * Server-only values this module uses in code that runs in the browser.
 * `isRoute`: a route module, whose loader, action and headers do not reach the browser.
 */
export function browserReachableServerValues(fileName: string, text: string, { isRoute }: { isRoute: boolean }): Misuse[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imported = emptiedValueImports(source);
  const misuses = emptiedReExports(source);
  if (imported.size === 0) return misuses;
  const declarations = topLevelDeclarations(source);
  const label = (d: Declaration) => d.exportedAs[0] ?? d.names[0] ?? `the top-level code on line ${source.getLineAndCharacterOfPosition(d.node.getStart(source)).line + 1}`;
  const byName = new Map<string, Declaration>();
  for (const d of declarations) for (const n of d.names) byName.set(n, d);
  const refs = new Map(declarations.map((d) => [d, referencedNames(d.node)]));

  // What the browser keeps: browser exports and code with side effects, then everything they use.
  const inBrowser = new Set(declarations.filter((d) => !isRoute || d.sideEffects || d.exportedAs.some((e) => BROWSER_EXPORTS.has(e))));
  if (!isRoute) for (const d of declarations) inBrowser.add(d);
  const queue = [...inBrowser];
  while (queue.length) {
    for (const name of refs.get(queue.pop()!)!) {
      const d = byName.get(name);
      if (d && !inBrowser.has(d)) {
        inBrowser.add(d);
        queue.push(d);
      }
    }
  }
  for (const d of inBrowser) for (const name of refs.get(d)!) if (imported.has(name)) misuses.push({ name, from: imported.get(name)!, usedBy: label(d) });
  if (!isRoute) {
    // Outside routes nothing is dropped: importing the value at all is the mistake.
    const used = new Set(misuses.map((m) => m.name));
    for (const [name, from] of imported) if (!used.has(name)) misuses.push({ name, from, usedBy: "this module (it is not a route, so nothing in it is server-only)" });
  }
  return misuses;
}
