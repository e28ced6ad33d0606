/**
 * The one Markdown escaper of the extension's tooltips (status bar, tree rows, link tooltips): text
 * from the service or a user shows as written, never as links, images, emphasis, tables, HTML,
 * entities or theme icons.
 */
import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/extension/markdownText';

/** What a reader sees: each backslash escape as its character, `&amp;` as `&` (CommonMark). */
const shown = (markdown: string): string => markdown.replace(/\\([\\`*_{}[\]()#+\-!|<>~$])/g, '$1').replace(/&amp;/g, '&');

describe('escapeMarkdown (tooltips)', () => {
  it('escapes what Markdown reads as syntax, HTML or a theme icon', () => {
    assert.equal(escapeMarkdown('*bold* _it_ `code` [link](http://x) ![img](y) <b>x</b> | # ~ + - $(sync~spin) {}'), '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]\\(http://x\\) \\!\\[img\\]\\(y\\) \\<b\\>x\\</b\\> \\| \\# \\~ \\+ \\- \\$\\(sync\\~spin\\) \\{\\}');
  });

  it('keeps entities from being decoded and backslashes from escaping what follows', () => {
    assert.equal(escapeMarkdown('Fish &amp; Chips &lt;b&gt;'), 'Fish &amp;amp; Chips &amp;lt;b&amp;gt;');
    assert.equal(escapeMarkdown('C:\\temp\\*'), 'C:\\\\temp\\\\\\*');
  });

  it('leaves letters, digits, spaces, dots, colons and slashes as they are (URLs and sentences stay readable)', () => {
    const text = 'REST at http://127.0.0.1:8080/Api, 3 links. Café Olé — 10:42:00';
    assert.equal(escapeMarkdown(text), text);
  });

  it('shows any text as written', () => {
    for (const text of ['Café *Olé* [EU] <b>x</b> #1_a', 'a & b; c &amp; d', '$(warning) 50% off!', 'back\\slash `tick` ~~strike~~ |pipe|']) {
      assert.equal(shown(escapeMarkdown(text)), text);
    }
  });
});
