/** The one output channel, "Microsoft Advertising" (a LogOutputChannel); every line goes through the redactor. */
import * as vscode from 'vscode';
import { type ClientLinksError, describeError, isClientLinksError, isErrorKind } from '../core/errors';
import { Redactor } from '../core/redact';
import { adviceText } from './adviceText';
import type { CallEvent, LinkOutcome, RetryEvent } from '../core/service/types';
import { type ClientLink, clientLinkKey } from '../core/model/clientLink';
import { summarizeBulk } from '../core/workflow/bulkSummary';

export const OUTPUT_CHANNEL_NAME = 'Microsoft Advertising';

const RECENT_LINES = 500;

export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  readonly redactor = new Redactor();
  /** The last lines written (already redacted), for diagnostics and tests. */
  readonly recent: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  }

  // The channel filters by the level the user set ("Developer: Set Log Level"); `recent` keeps everything.
  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string): void {
    const line = this.redactor.redact(message);
    this.recent.push(`[${level}] ${line}`);
    if (this.recent.length > RECENT_LINES) {
      this.recent.splice(0, this.recent.length - RECENT_LINES);
    }
    this.channel[level](line);
  }

  /** One line per HTTP exchange: operation, outcome, duration, TrackingId (debug), errors (error). */
  call(event: CallEvent): void {
    const items = event.items === undefined ? '' : ` items=${event.items}`;
    const line = `[${event.protocol ?? 'service'}] ${event.operation} ${event.outcome} in ${Math.round(event.durationMs)} ms (attempt ${event.attempt})${items}${event.trackingId ? ` TrackingId=${event.trackingId}` : ''}`;
    if (event.outcome === 'ok') {
      this.debug(line);
    } else {
      this.warn(line);
    }
  }

  retry(event: RetryEvent): void {
    this.warn(`[${event.protocol ?? 'service'}] ${event.operation}: retrying in ${Math.round(event.delayMs)} ms after attempt ${event.attempt}: ${describeError(event.reason)}`);
  }

  /** An error with everything support needs: codes, error codes, details, TrackingId. */
  failure(context: string, e: unknown): void {
    if (!isClientLinksError(e)) {
      this.error(`${context}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    this.error(`${context}: ${describeDetailed(e)}`);
  }

  /** Per-link outcomes of a bulk action: failures at error level with the link they belong to. */
  outcomes(context: string, outcomes: readonly LinkOutcome[], locate?: (link: ClientLink) => string | undefined): void {
    const summary = summarizeBulk({ outcomes, cancelled: false });
    this.info(`${context}: ${summary.done} of ${summary.sent} succeeded`);
    for (const o of outcomes) {
      if (o.state === 'succeeded') {
        continue;
      }
      const who = `${o.link.ClientEntityName ?? o.link.Name ?? ''} [${clientLinkKey(o.link)}] (${locate?.(o.link) ?? `input #${o.index + 1}`})`.trim();
      if (o.state === 'notAttempted') {
        this.warn(`${context}: ${who} not sent (cancelled)`);
      } else if (o.errors.length) {
        for (const err of o.errors) {
          this.error(`${context}: ${who} PartialError ${err.code}${err.errorCode ? ` ${err.errorCode}` : ''}: ${err.message}${err.details ? ` (${err.details})` : ''}${o.trackingId ? ` TrackingId=${o.trackingId}` : ''}`);
        }
      } else {
        this.error(`${context}: ${who} ${o.error ? describeDetailed(o.error) : 'failed'}`);
      }
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describeDetailed(e: ClientLinksError): string {
  const parts = [`${e.kind} error${e.operation ? ` in ${e.operation}` : ''}: ${e.message}`];
  if (isErrorKind(e, 'fault')) {
    parts.push(`faultcode=${e.faultCode} detail=${e.detailType}${e.httpStatus ? ` http=${e.httpStatus}` : ''}`);
    for (const err of e.errors) {
      parts.push(`code=${err.code}${err.errorCode ? ` errorCode=${err.errorCode}` : ''} message=${err.message}${err.details ? ` details=${err.details}` : ''}`);
    }
  }
  if ('errors' in e && !(isErrorKind(e, 'fault')) && Array.isArray((e as { errors: unknown }).errors)) {
    for (const err of (e as unknown as { errors: { code: number; message: string }[] }).errors) {
      parts.push(`OperationError ${err.code}: ${err.message}`);
    }
  }
  if (e.trackingId) {
    parts.push(`TrackingId=${e.trackingId}`);
  }
  const advice = adviceText(e);
  if (advice) {
    parts.push(`What to do: ${advice}`);
  }
  return parts.join(' | ');
}
