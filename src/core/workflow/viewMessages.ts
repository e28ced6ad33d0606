/** Sentences the links view shows about a failed refresh, shared so they can be checked without VS Code. */

/**
 * "Showing data from 10:42: the last refresh failed. The service answered HTTP 503 (Service Unavailable …)."
 * The error's message is not put in parentheses: it may end with its own (an error page's text).
 */
export function staleRefreshMessage(since: string, errorMessage: string): string {
  const text = errorMessage.trim();
  return `Showing data from ${since}: the last refresh failed. ${/[.!?)]$/.test(text) ? text : `${text}.`}`;
}
