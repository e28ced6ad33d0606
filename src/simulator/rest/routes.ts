/**
 * The REST paths of Customer Management v13 (REST spec §1, §10): one path per operation, POST
 * except UpdateClientLinks (PUT on the same path as Add). Matched exactly, case-sensitively.
 */
import type { OperationName } from '../service';

export type RestMethod = 'POST' | 'PUT';

export interface RestRoute {
  readonly operation: OperationName;
  readonly method: RestMethod;
  readonly path: string;
}

/** Requests under this prefix are the REST service's: a miss is a plain 404 (what a client sees where REST is not served). */
export const REST_PREFIX = '/CustomerManagement/';

export const REST_ROUTES: readonly RestRoute[] = [
  { operation: 'GetUser', method: 'POST', path: '/CustomerManagement/v13/User/Query' },
  { operation: 'SearchClientLinks', method: 'POST', path: '/CustomerManagement/v13/ClientLinks/Search' },
  { operation: 'AddClientLinks', method: 'POST', path: '/CustomerManagement/v13/ClientLinks' },
  { operation: 'UpdateClientLinks', method: 'PUT', path: '/CustomerManagement/v13/ClientLinks' },
  { operation: 'GetLinkedAccountsAndCustomersInfo', method: 'POST', path: '/CustomerManagement/v13/LinkedAccountsAndCustomersInfo/Query' },
  { operation: 'GetAccountsInfo', method: 'POST', path: '/CustomerManagement/v13/AccountsInfo/Query' },
  { operation: 'SearchAccounts', method: 'POST', path: '/CustomerManagement/v13/Accounts/Search' },
  { operation: 'GetCustomersInfo', method: 'POST', path: '/CustomerManagement/v13/CustomersInfo/Query' },
];

/** The route of an operation (for clients and tests building URLs). */
export function restRouteOf(operation: OperationName): RestRoute {
  const route = REST_ROUTES.find((r) => r.operation === operation);
  if (!route) {
    throw new RangeError(`No REST route for ${operation}`);
  }
  return route;
}

export type RouteMatch = { kind: 'route'; route: RestRoute } | { kind: 'methodNotAllowed'; allow: RestMethod[] } | { kind: 'notFound' };

export function matchRestRoute(method: string | undefined, path: string): RouteMatch {
  const onPath = REST_ROUTES.filter((r) => r.path === path);
  if (onPath.length === 0) {
    return { kind: 'notFound' };
  }
  const route = onPath.find((r) => r.method === method);
  return route ? { kind: 'route', route } : { kind: 'methodNotAllowed', allow: onPath.map((r) => r.method) };
}
