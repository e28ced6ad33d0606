/** Where each operation lives over REST (REST spec §1): verb and path under the base URL. */
import type { OperationName } from '../service/operations';

export interface RestRoute {
  method: 'POST' | 'PUT';
  path: string;
}

export const REST_ROUTES: Readonly<Record<OperationName, RestRoute>> = {
  GetUser: { method: 'POST', path: '/CustomerManagement/v13/User/Query' },
  SearchClientLinks: { method: 'POST', path: '/CustomerManagement/v13/ClientLinks/Search' },
  AddClientLinks: { method: 'POST', path: '/CustomerManagement/v13/ClientLinks' },
  // Add and Update share one path and differ by verb.
  UpdateClientLinks: { method: 'PUT', path: '/CustomerManagement/v13/ClientLinks' },
  GetLinkedAccountsAndCustomersInfo: { method: 'POST', path: '/CustomerManagement/v13/LinkedAccountsAndCustomersInfo/Query' },
  GetAccountsInfo: { method: 'POST', path: '/CustomerManagement/v13/AccountsInfo/Query' },
  // REST spec §10.
  GetCustomersInfo: { method: 'POST', path: '/CustomerManagement/v13/CustomersInfo/Query' },
};
