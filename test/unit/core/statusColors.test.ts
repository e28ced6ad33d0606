/**
 * Issue 12, item 10: status icons use the extension's own colours, contributed in package.json with
 * a default for every theme kind, each readable against the side bar of VS Code's default themes.
 * The built-in `charts.orange` / `charts.yellow` read at under 3:1 on Default Light Modern.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CLIENT_LINK_STATUSES } from '../../../src/core/model/clientLink';
import { STATUS_APPEARANCE, STATUS_COLOR_IDS } from '../../../src/extension/tree/statusPalette';

interface ColorContribution {
  id: string;
  description: string;
  defaults: Record<'dark' | 'light' | 'highContrast' | 'highContrastLight', string>;
}

/** sideBar.background of the themes the UI tier screenshots (and High Contrast Light). */
const SIDE_BAR = { dark: '#181818', light: '#F8F8F8', highContrast: '#000000', highContrastLight: '#FFFFFF' } as const;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two opaque #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const colors = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { colors?: ColorContribution[] } }).contributes.colors ?? [];

describe('status colours', () => {
  it('every status has an icon and one of the extension\'s own colours', () => {
    for (const status of CLIENT_LINK_STATUSES) {
      const [icon, color] = STATUS_APPEARANCE[status];
      assert.ok(icon, status);
      assert.ok((Object.values(STATUS_COLOR_IDS) as string[]).includes(color), `${status}: ${color}`);
    }
  });

  it('each colour is contributed with opaque defaults for dark, light, high contrast and high contrast light', () => {
    for (const id of Object.values(STATUS_COLOR_IDS)) {
      const contribution = colors.find((c) => c.id === id);
      assert.ok(contribution, `package.json contributes ${id}`);
      assert.ok(contribution.description.length > 10, `${id} has a description`);
      for (const kind of Object.keys(SIDE_BAR) as (keyof typeof SIDE_BAR)[]) {
        assert.match(contribution.defaults[kind], /^#[0-9A-Fa-f]{6}$/, `${id} ${kind}: an opaque colour, no transparency`);
      }
    }
  });

  it('each colour reads at 4.5:1 or more against the side bar in every theme kind', () => {
    for (const id of Object.values(STATUS_COLOR_IDS)) {
      const contribution = colors.find((c) => c.id === id);
      assert.ok(contribution);
      for (const [kind, background] of Object.entries(SIDE_BAR) as [keyof typeof SIDE_BAR, string][]) {
        const ratio = contrast(contribution.defaults[kind], background);
        assert.ok(ratio >= 4.5, `${id} in ${kind}: ${ratio.toFixed(2)}:1 against ${background}`);
      }
    }
  });

  it('the measure is sound: the old charts.orange (#D18616) fails on the light side bar', () => {
    assert.ok(contrast('#D18616', SIDE_BAR.light) < 3);
    assert.equal(Math.round(contrast('#000000', '#FFFFFF')), 21);
  });
});
