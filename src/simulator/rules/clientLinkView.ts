/** Builds the wire view (`e:ClientLink`) of a stored link, filling the service-owned members. */
import type { ClientLink } from '../../core/model/clientLink';
import type { StoredLink } from '../state/model';
import { rowVersionToTimestamp, type SimStore } from '../state/store';
import { formatDateTime } from '../xml/dateTime';

/**
 * Views by stored link, valid while its row version is unchanged (every change of a link takes a
 * new one). Paging a 10,000-link customer asks for each view once per search instead of rebuilding
 * it, with its dateTimes and Timestamp, on every request. Views are frozen: shared, never edited.
 */
const views = new WeakMap<StoredLink, { rowVersion: bigint; view: Readonly<ClientLink> }>();

export function toClientLink(store: SimStore, link: StoredLink): ClientLink {
  const cached = views.get(link);
  if (cached && cached.rowVersion === link.rowVersion) {
    return cached.view;
  }
  const view = Object.freeze(buildView(store, link));
  views.set(link, { rowVersion: link.rowVersion, view });
  return view;
}

function buildView(store: SimStore, link: StoredLink): ClientLink {
  const managing = store.customers.get(link.managingCustomerId);
  const account = link.type === 'AccountLink' ? store.accounts.get(link.clientEntityId) : undefined;
  const clientCustomer = link.type === 'CustomerLink' ? store.customers.get(link.clientEntityId) : undefined;
  const owner = account ? store.customers.get(account.ownerCustomerId) : undefined;
  return {
    Type: link.type,
    ClientEntityId: link.clientEntityId,
    ClientEntityNumber: account?.number ?? clientCustomer?.number ?? null,
    ClientEntityName: account?.name ?? clientCustomer?.name ?? null,
    ManagingCustomerId: link.managingCustomerId,
    ManagingCustomerNumber: managing?.number ?? null,
    ManagingCustomerName: managing?.name ?? null,
    Note: link.note,
    Name: link.name,
    InviterEmail: link.inviterEmail,
    InviterName: link.inviterName,
    InviterPhone: link.inviterPhone,
    IsBillToClient: link.isBillToClient,
    StartDate: link.startDateMs === null ? null : formatDateTime(link.startDateMs),
    Status: link.status,
    SuppressNotification: link.suppressNotification,
    LastModifiedDateTime: formatDateTime(link.lastModifiedMs),
    LastModifiedByUserId: link.lastModifiedByUserId,
    Timestamp: rowVersionToTimestamp(link.rowVersion),
    ForwardCompatibilityMap: null,
    CustomerLinkPermission: link.customerLinkPermission,
    ClientEntityCustomerNumber: owner?.number ?? null,
  };
}
