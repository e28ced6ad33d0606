/**
 * Text as Markdown that shows it as is, for every Markdown tooltip of the extension (status bar,
 * tree rows, link tooltips). Names, notes and error messages come from the service and from users:
 * the characters Markdown would read as syntax (emphasis, code, links, images, tables, headings,
 * lists) or HTML are escaped, `&` becomes `&amp;` so that no entity is decoded, and `$` is escaped
 * so that no `$(icon)` is drawn where theme icons are on. Spaces stay spaces (unlike
 * MarkdownString.appendText). `.` is left alone: text is never placed at the start of a line where
 * `1.` would start a list, and URLs stay readable in the source.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/[\\`*_{}[\]()#+\-!|<>~$]/g, (c) => `\\${c}`);
}
