/**
 * The manifest (package.json `contributes.menus`) against the contextValue tokens the tree sets
 * (src/extension/tree/contextValues.ts, which imports nothing from `vscode`, so this runs in plain
 * Node): every `viewItem` pattern matches context values the code produces, every token the code
 * produces is matched by some menu (or is listed below as informational), each link action's menu
 * entries appear exactly when the lifecycle allows the action, and commands that need a tree node
 * are hidden from the Command Palette.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_LINK_STATUSES, type ClientLink } from '../../../src/core/model/clientLink';
import { LINK_ACTIONS, LINK_SIDES, allowedActions } from '../../../src/core/model/lifecycle';
import { ACTION_TOKENS, GROUP_ITEM, LINK_ITEM, groupContextValue, linkContextValue } from '../../../src/extension/tree/contextValues';
import { repoRoot } from '../../helpers/paths';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, MenuEntry[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const menus = manifest.contributes.menus;

/** Commands that act on the tree node they are invoked on: no meaning in the Command Palette. */
const NODE_ONLY_COMMANDS = ['clientLinks.copyId', 'clientLinks.copyNumber', 'clientLinks.copySelected', 'clientLinks.cancelGroup', 'clientLinks.copyGroupIds', 'clientLinks.exportGroup'];

/**
 * Tokens the tree sets that no menu keys on today (they describe the row for tests and future menus):
 * the link's status and side, busy, and the group rows' kind and id (status:S, client:ID, all).
 */
const INFORMATIONAL_TOKEN = /^(?:status:.+|side:(?:agency|client)|busy|linkGroup|client:.+|all)$/;

/** Every context value the tree can produce: each status (and none) x side x busy x may-manage x with/without number, and the groups. */
function producedContextValues(): string[] {
  const values = new Set<string>();
  const statuses = [...CLIENT_LINK_STATUSES, undefined];
  for (const status of statuses) {
    for (const side of LINK_SIDES) {
      for (const busy of [false, true]) {
        for (const mayManage of [false, true]) {
          for (const number of [undefined, 'X123ABCD']) {
            const link: ClientLink = { Status: status, ClientEntityNumber: number };
            values.add(linkContextValue(link, side, { busy, mayManage }));
          }
        }
      }
    }
  }
  for (const id of [...CLIENT_LINK_STATUSES.map((s) => `status:${s}`), 'status:LinkPending:awaiting', 'status:LinkPending:sent', 'status:Unknown', 'client:251000123', 'all']) {
    for (const hasLinks of [false, true]) {
      for (const canCancelAll of hasLinks ? [false, true] : [false]) {
        values.add(groupContextValue(id, { hasLinks, canCancelAll }));
      }
    }
  }
  return [...values];
}

/** The viewItem condition of a `when` clause as a predicate over a context value (`=~ /re/` or `== value`). */
function viewItemCondition(when: string): ((contextValue: string) => boolean) | undefined {
  const re = /viewItem\s*=~\s*\/((?:\\.|[^/\\])+)\/([a-z]*)/.exec(when);
  if (re) {
    const pattern = new RegExp(re[1] as string, re[2]);
    return (v) => pattern.test(v);
  }
  const eq = /viewItem\s*==\s*'?([^\s')&|]+)'?/.exec(when);
  if (eq) {
    return (v) => v === eq[1];
  }
  return undefined;
}

/** Entries of every menu whose `when` tests viewItem. */
function viewItemEntries(): { menu: string; entry: MenuEntry; matches: (v: string) => boolean }[] {
  const out: { menu: string; entry: MenuEntry; matches: (v: string) => boolean }[] = [];
  for (const [menu, entries] of Object.entries(menus)) {
    for (const entry of entries) {
      const matches = entry.when ? viewItemCondition(entry.when) : undefined;
      if (matches) {
        out.push({ menu, entry, matches });
      } else if (entry.when?.includes('viewItem')) {
        assert.fail(`${menu}: "${entry.when}" tests viewItem in a form this test does not read (use =~ /…/ or ==)`);
      }
    }
  }
  return out;
}

describe('Manifest menus and the tree context values', () => {
  const produced = producedContextValues();
  const entries = viewItemEntries();

  it('the tree produces the documented grammar', () => {
    const link = linkContextValue({ Status: 'LinkPending', ClientEntityNumber: 'X1' }, 'client', { busy: false, mayManage: true });
    assert.equal(link, `${LINK_ITEM};status:LinkPending;side:client;canAccept;canDecline;hasNumber`);
    assert.equal(groupContextValue('status:Active'), `${GROUP_ITEM};status:Active`);
    assert.ok(entries.length > 0, 'view/item/context has entries that test viewItem');
  });

  it('every viewItem pattern in package.json matches context values the code produces', () => {
    for (const { menu, entry, matches } of entries) {
      const hits = produced.filter(matches);
      assert.ok(hits.length > 0, `${menu} ${entry.command} "${entry.when}" matches no context value the tree produces`);
    }
  });

  it('every token the code produces is matched by some menu, or is informational', () => {
    const tokens = new Set(produced.flatMap((v) => v.split(';')));
    for (const token of tokens) {
      if (INFORMATIONAL_TOKEN.test(token)) {
        continue;
      }
      // A menu matches the token when some context value carrying it is matched, and the same value
      // without it is not (so the token, not the rest of the value, is what the menu keys on).
      const carrying = produced.filter((v) => v.split(';').includes(token));
      const keyed = entries.some(({ matches }) =>
        carrying.some((v) => {
          if (!matches(v)) {
            return false;
          }
          const without = v
            .split(';')
            .filter((t) => t !== token)
            .join(';');
          return !matches(without);
        }),
      );
      assert.ok(keyed, `token "${token}" (e.g. "${carrying[0]}") is produced by the tree but no menu keys on it`);
    }
  });

  it("each link action's menu entries appear exactly when the lifecycle allows the action", () => {
    for (const action of LINK_ACTIONS) {
      const command = `clientLinks.${action}`;
      const own = entries.filter((e) => e.entry.command === command);
      assert.ok(own.length > 0, `${command} has a view/item/context entry`);
      for (const { entry, matches } of own) {
        for (const status of CLIENT_LINK_STATUSES) {
          for (const side of LINK_SIDES) {
            for (const busy of [false, true]) {
              for (const mayManage of [false, true]) {
                const v = linkContextValue({ Status: status }, side, { busy, mayManage });
                const allowed = !busy && mayManage && allowedActions(status, side).includes(action);
                assert.equal(matches(v), allowed, `${command} (${entry.group}) on "${v}"`);
              }
            }
          }
        }
      }
      assert.ok(
        produced.some((v) => v.split(';').includes(ACTION_TOKENS[action])),
        `the lifecycle allows ${action} somewhere (token ${ACTION_TOKENS[action]})`,
      );
    }
  });

  it('link entries never show on group rows, group entries never on link rows', () => {
    const groups = produced.filter((v) => v.startsWith(`${GROUP_ITEM};`));
    const links = produced.filter((v) => v.startsWith(`${LINK_ITEM};`));
    for (const { menu, entry, matches } of entries) {
      const forGroups = /\^linkGroup/.test(entry.when ?? '');
      for (const v of forGroups ? links : groups) {
        assert.equal(matches(v), false, `${menu} ${entry.command} "${entry.when}" matches ${forGroups ? 'link' : 'group'} row "${v}"`);
      }
    }
  });

  it('group actions: Cancel All only on groups with invitations you can cancel; copy and export on groups with links', () => {
    const on = (command: string, v: string): boolean => entries.some((e) => e.entry.command === command && e.matches(v));
    assert.equal(on('clientLinks.cancelGroup', groupContextValue('status:LinkPending', { hasLinks: true, canCancelAll: true })), true);
    assert.equal(on('clientLinks.cancelGroup', groupContextValue('status:LinkPending', { hasLinks: true, canCancelAll: false })), false);
    assert.equal(on('clientLinks.copyGroupIds', groupContextValue('status:Active', { hasLinks: true, canCancelAll: false })), true);
    assert.equal(on('clientLinks.exportGroup', groupContextValue('status:Active', { hasLinks: false, canCancelAll: false })), false);
  });

  it('commands that need a tree node are hidden from the Command Palette and reachable from the tree', () => {
    const palette = menus.commandPalette ?? [];
    for (const command of NODE_ONLY_COMMANDS) {
      const entry = palette.find((e) => e.command === command);
      assert.ok(entry, `${command} has a commandPalette entry`);
      assert.equal(entry.when, 'false', `${command} is hidden from the Command Palette`);
      assert.ok(
        entries.some((e) => e.menu === 'view/item/context' && e.entry.command === command),
        `${command} is in the tree's context menu`,
      );
    }
  });

  it('every command named in a menu is declared, and every declared command has a palette rule', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, list] of Object.entries(menus)) {
      for (const entry of list) {
        assert.ok(declared.has(entry.command), `${menu} names ${entry.command}, which contributes.commands does not declare`);
      }
    }
    const inPalette = new Set((menus.commandPalette ?? []).map((e) => e.command));
    for (const command of declared) {
      assert.ok(inPalette.has(command), `${command} has no commandPalette entry (its visibility there is then unconditional)`);
    }
  });

  it('the view title hides Invite, Invite from CSV, Filter and Refresh while no developer token is set', () => {
    const title = menus['view/title'] ?? [];
    for (const command of ['clientLinks.invite', 'clientLinks.inviteFromCsv', 'clientLinks.filter', 'clientLinks.refresh']) {
      const entries = title.filter((e) => e.command === command);
      assert.ok(entries.length > 0, `${command} is in the view title`);
      for (const entry of entries) {
        assert.match(entry.when ?? '', /!clientLinks\.needsDeveloperToken\b/, `${command} "${entry.when}" hides while needsDeveloperToken`);
      }
    }
  });

  it('keybindings: Enter opens details, Ctrl+C copies, F5 refreshes, Ctrl+F filters, only while the view has focus', () => {
    const keybindings = (manifest.contributes as { keybindings?: { command: string; key: string; mac?: string; when?: string }[] }).keybindings ?? [];
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const expected: [string, string, string?][] = [
      ['enter', 'clientLinks.openFocusedLink'],
      ['ctrl+c', 'clientLinks.copySelected', 'cmd+c'],
      ['f5', 'clientLinks.refresh'],
      ['ctrl+f', 'clientLinks.filter', 'cmd+f'],
    ];
    for (const [key, command, mac] of expected) {
      const binding = keybindings.find((k) => k.key === key && k.command === command);
      assert.ok(binding, `${key} runs ${command}`);
      assert.equal(binding.mac, mac, `${key} on macOS`);
      assert.match(binding.when ?? '', /focusedView == clientLinks\.links/, `${key} only in the Client Links view`);
      assert.match(binding.when ?? '', /!inputFocus/, `${key} leaves text inputs alone`);
    }
    for (const k of keybindings) {
      assert.ok(declared.has(k.command), `keybinding ${k.key} names an undeclared command ${k.command}`);
    }
    const enter = keybindings.find((k) => k.key === 'enter');
    assert.match(enter?.when ?? '', /!treeElementCanExpand && !treeElementCanCollapse/, 'Enter on a group still expands or collapses it');
  });
});
