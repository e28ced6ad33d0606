/**
 * Which icon and colour each link status shows, without VS Code (the unit tier checks it). The
 * colours are this extension's own (package.json `contributes.colors`), each with a default per
 * theme kind chosen for contrast against the side bar (at least 4.5:1 in Default Dark Modern,
 * Default Light Modern and both high-contrast themes): the built-in `charts.*` colours read at
 * under 3:1 on a light side bar. A theme can still override them by id.
 */
import type { ClientLinkStatus } from '../../core/model/clientLink';

/** The colours the extension contributes, one per kind of status (ids without the `clientLinks.` prefix). */
export const STATUS_COLOR_IDS = {
  pending: 'clientLinks.status.pending',
  linking: 'clientLinks.status.linking',
  active: 'clientLinks.status.active',
  unlinking: 'clientLinks.status.unlinking',
  failed: 'clientLinks.status.failed',
  ended: 'clientLinks.status.ended',
} as const;

export type StatusColorId = (typeof STATUS_COLOR_IDS)[keyof typeof STATUS_COLOR_IDS];

export const STATUS_APPEARANCE: Readonly<Record<ClientLinkStatus, readonly [icon: string, color: StatusColorId]>> = {
  LinkPending: ['mail', STATUS_COLOR_IDS.pending],
  LinkAccepted: ['check', STATUS_COLOR_IDS.linking],
  LinkInProgress: ['sync', STATUS_COLOR_IDS.linking],
  Active: ['pass-filled', STATUS_COLOR_IDS.active],
  UnlinkRequested: ['debug-disconnect', STATUS_COLOR_IDS.unlinking],
  UnlinkPending: ['debug-disconnect', STATUS_COLOR_IDS.unlinking],
  UnlinkInProgress: ['sync', STATUS_COLOR_IDS.unlinking],
  UnlinkFailed: ['warning', STATUS_COLOR_IDS.failed],
  Inactive: ['circle-slash', STATUS_COLOR_IDS.ended],
  LinkCanceled: ['close', STATUS_COLOR_IDS.ended],
  LinkDeclined: ['thumbsdown', STATUS_COLOR_IDS.failed],
  LinkExpired: ['history', STATUS_COLOR_IDS.ended],
  LinkFailed: ['error', STATUS_COLOR_IDS.failed],
  UnlinkCanceled: ['circle-outline', STATUS_COLOR_IDS.ended],
};
