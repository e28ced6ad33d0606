/**
 * Localisation of the manifest (issue 13, part 3): every user-facing string of package.json is a
 * `%key%` with its English text in package.nls.json (VS Code and the Marketplace look up the user's
 * language in package.nls.<language>.json), every key used exists, and package.nls.json holds no
 * key the manifest no longer uses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { [key: string]: Json };
const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The user-facing members: what VS Code or the Marketplace shows (titles, names, descriptions, welcome text). */
const SHOWN = new Set(['displayName', 'description', 'title', 'name', 'contextualTitle', 'category', 'contents', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage']);

/** Every user-facing string of the manifest with where it is (`contributes.commands[3].title`). */
function shownStrings(value: Json, at: string, shown: boolean, out: { at: string; text: string }[]): { at: string; text: string }[] {
  if (typeof value === 'string') {
    if (shown) {
      out.push({ at, text: value });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => shownStrings(v, `${at}[${i}]`, shown, out));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      shownStrings(v, at ? `${at}.${key}` : key, SHOWN.has(key), out);
    }
  }
  return out;
}

describe('localisation: the manifest strings (package.nls.json)', () => {
  // The package's npm name and its `contributes` show to users; scripts, engines and the like do not.
  const strings = shownStrings({ displayName: manifest['displayName'] ?? null, description: manifest['description'] ?? null, contributes: manifest['contributes'] ?? null }, '', false, []);

  it('finds the manifest strings users see (commands, views, settings, colours, welcome text)', () => {
    for (const where of [/^contributes\.commands\[\d+\]\.title$/, /^contributes\.commands\[\d+\]\.category$/, /^contributes\.views\.clientLinks\[0\]\.name$/, /^contributes\.configuration\.properties\.clientLinks\.api\.enumDescriptions\[2\]$/, /^contributes\.colors\[\d+\]\.description$/, /^contributes\.viewsWelcome\[\d+\]\.contents$/]) {
      assert.ok(strings.some((s) => where.test(s.at)), `${where}`);
    }
  });

  it('every user-facing string is a %key% (its text lives in package.nls.json)', () => {
    const plain = strings.filter((s) => !/^%[^%\s]+%$/.test(s.text)).map((s) => `${s.at}: ${s.text}`);
    assert.deepEqual(plain, []);
  });

  it('every %key% has its English text in package.nls.json', () => {
    const missing = strings.map((s) => s.text.slice(1, -1)).filter((key) => typeof nls[key] !== 'string' || nls[key] === '');
    assert.deepEqual(missing, []);
  });

  it('package.nls.json holds only keys the manifest uses', () => {
    const used = new Set(strings.map((s) => s.text.slice(1, -1)));
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('the text reads as before: command titles, the view name and a setting', () => {
    assert.equal(nls['displayName'], 'Client Links for Microsoft Advertising');
    assert.equal(nls['command.signIn.title'], 'Sign In with Microsoft');
    assert.equal(nls['command.category'], 'Client Links');
    assert.equal(nls['views.clientLinks.links.name'], 'Client Links');
    assert.match(nls['config.api.markdownDescription'] ?? '', /\*\*2027-01-31\*\*/);
  });
});
