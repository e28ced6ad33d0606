/** Builds the wire view (`e:ClientLink`) of a stored link, filling the service-owned members. */
import type { ClientLink } from '../../core/model/clientLink';
import type { StoredLink } from '../state/model';
import { rowVersionToTimestamp, type SimStore } from '../state/store';
import { formatDateTime } from '../xml/dateTime';

export function toClientLink(store: SimStore, link: StoredLink): ClientLink {
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
