/**
 * The failure report: a CSV of what the last bulk action did not get done, one row per link with the
 * reason. For invitations the columns are those of the invitations CSV plus `reason`, so the user
 * fixes the rows and imports the file again with Invite Clients from CSV (the reason column is
 * ignored there). UTF-8 with a BOM, as exports are, so spreadsheets read names in any script.
 */
import { ACTIONS, findStatusDefinition } from '../model/lifecycle';
import { csvLine, UTF8_BOM } from './csvWriting';
import { localDayStamp } from './exportLinks';
import { INVITE_CSV_HEADER, inviteCsvValues } from './inviteCsv';
import type { BulkFailures } from './linkBulk';

const ACTION_HEADER = ['action', 'type', 'client_id', 'client_number', 'client_name', 'status', 'reason'] as const;

export function failureReportCsv(report: BulkFailures): string {
  const lines: string[] = [];
  if (report.action === 'invite') {
    lines.push(csvLine([...INVITE_CSV_HEADER, 'reason']));
    for (const f of report.failures) {
      lines.push(csvLine([...inviteCsvValues(f.link), f.failure.reason]));
    }
  } else {
    const title = ACTIONS[report.action].title;
    lines.push(csvLine(ACTION_HEADER));
    for (const { link, failure } of report.failures) {
      lines.push(csvLine([title, link.Type === 'CustomerLink' ? 'CustomerLink' : 'AccountLink', link.ClientEntityId ?? '', link.ClientEntityNumber ?? '', link.ClientEntityName ?? link.Name ?? '', findStatusDefinition(link.Status)?.label ?? link.Status ?? '', failure.reason]));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The report file's bytes: UTF-8 with a BOM. */
export function failureReportBytes(report: BulkFailures): Uint8Array {
  return new TextEncoder().encode(`${UTF8_BOM}${failureReportCsv(report)}`);
}

/** The save dialog's default name: failed-invitations-<yyyy-mm-dd>.csv, failed-cancel-<yyyy-mm-dd>.csv…, the date local. */
export function defaultFailureReportName(report: Pick<BulkFailures, 'action'>, date: Date): string {
  const day = localDayStamp(date);
  return `failed-${report.action === 'invite' ? 'invitations' : report.action}-${day}.csv`;
}
