/**
 * Localisation (issue 13, part 3): every `vscode.l10n.t(...)` in src/extension and every
 * `l10n.t(...)` of `@vscode/l10n` in src/core (the words the core computes and the extension shows:
 * statuses, groups, refusals, validation) is in the committed l10n/bundle.l10n.json, and the bundle
 * holds nothing the code no longer asks for. The sources are read the way `@vscode/l10n-dev export` reads them (`npm run l10n`
 * writes the bundle): a string message is its own key; `{ message, comment }` is keyed
 * `message/comment joined`, with the message and comments as its value. A message that is not a
 * literal cannot be extracted, so it fails here too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../../helpers/paths';

type BundleEntry = string | { message: string; comment: string[] };

/** The folders `npm run l10n` extracts from: the extension (vscode.l10n) and the core (@vscode/l10n). */
const SOURCE_DIRS = [path.join(repoRoot, 'src', 'extension'), path.join(repoRoot, 'src', 'core')];
const CORE_DIR = path.join(repoRoot, 'src', 'core');
const BUNDLE = path.join(repoRoot, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** `l10n.t` or `<anything>.l10n.t`: the calls the extractor reads. */
function isL10nT(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') {
    return false;
  }
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

interface Found {
  entries: Map<string, BundleEntry>;
  /** Calls whose message is not a literal: `file:line`. */
  computed: string[];
}

/** What `@vscode/l10n-dev export` would write for the extension's and the core's sources. */
function extract(): Found {
  const entries = new Map<string, BundleEntry>();
  const computed: string[] = [];
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isL10nT(node.expression)) {
        const first = node.arguments[0];
        const text = literalText(first);
        if (text !== undefined) {
          entries.set(text, text);
        } else if (first && ts.isObjectLiteralExpression(first)) {
          const prop = (name: string): ts.Expression | undefined =>
            first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
          const message = literalText(prop('message'));
          const commentNode = prop('comment');
          const comment = commentNode === undefined ? [] : ts.isArrayLiteralExpression(commentNode) ? commentNode.elements.map(literalText) : [literalText(commentNode)];
          if (message === undefined || comment.some((c) => c === undefined)) {
            computed.push(where(node));
          } else {
            const comments = comment as string[];
            entries.set(comments.length ? `${message}/${comments.join('')}` : message, comments.length ? { message, comment: comments } : message);
          }
        } else {
          computed.push(where(node));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { entries, computed };
}

describe('localisation: the l10n bundle (l10n/bundle.l10n.json)', () => {
  const found = extract();
  const bundle = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, BundleEntry>;

  it('the manifest points VS Code at the bundle folder', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { l10n?: string; scripts: Record<string, string> };
    assert.equal(manifest.l10n, './l10n');
    assert.match(manifest.scripts['l10n'] ?? '', /l10n-dev export --outDir \.\/l10n \.\/src\/extension \.\/src\/core$/);
  });

  it('the core localises through @vscode/l10n, imported where it is called (what the extractor reads)', () => {
    const wrong: string[] = [];
    let calling = 0;
    for (const file of sourceFiles(CORE_DIR)) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/\bl10n\.t\(/.test(text)) {
        continue;
      }
      calling++;
      if (!text.includes("import * as l10n from '@vscode/l10n';")) {
        wrong.push(path.relative(repoRoot, file));
      }
    }
    assert.deepEqual(wrong, [], "core files calling l10n.t without import * as l10n from '@vscode/l10n'");
    assert.ok(calling >= 15, `the core's user-facing modules call l10n.t (${calling} files)`);
    const coreKeys = [...extract().entries.keys()].filter((k) => /^(Pending invitation|Unknown status|Pending: awaiting your answer|Enter an account id\.)$/.test(k));
    assert.equal(coreKeys.length, 4, "the core's status, group and validation words are extracted");
  });

  it('every message is a literal the extractor can read', () => {
    assert.deepEqual(found.computed, [], 'l10n.t with a computed message: pass the variable part as an argument ({0})');
    assert.ok(found.entries.size > 100, `the extension's strings are found (${found.entries.size})`);
  });

  it('every string the code passes to l10n.t is in the bundle, with its comment (run npm run l10n)', () => {
    const missing = [...found.entries.keys()].filter((k) => !(k in bundle));
    assert.deepEqual(missing, [], 'strings missing from l10n/bundle.l10n.json: run npm run l10n');
    for (const [key, entry] of found.entries) {
      assert.deepEqual(bundle[key], entry, key);
    }
  });

  it('the bundle holds no string the code no longer uses (run npm run l10n)', () => {
    const unused = Object.keys(bundle).filter((k) => !found.entries.has(k));
    assert.deepEqual(unused, [], 'strings in l10n/bundle.l10n.json that no code uses: run npm run l10n');
  });

  it('placeholders are numbered from {0} without gaps, so a translation can place each one', () => {
    for (const entry of Object.values(bundle)) {
      const message = typeof entry === 'string' ? entry : entry.message;
      const used = [...new Set([...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
      assert.deepEqual(used, used.map((_, i) => i), message);
    }
  });
});
