/** The Customer Management v13 operations this product calls (over either protocol), and how safe each is to repeat. */
export const OPERATIONS = [
  'GetUser',
  'SearchClientLinks',
  'AddClientLinks',
  'UpdateClientLinks',
  'GetLinkedAccountsAndCustomersInfo',
  'GetAccountsInfo',
  'GetCustomersInfo',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/**
 * `read`: no side effect, safe to repeat. `write`: changes links; repeated only when the failure
 * proves nothing was applied (spec §8.3, our retry rules in service/retryPolicy).
 */
export type OperationKind = 'read' | 'write';

export function operationKind(operation: OperationName): OperationKind {
  return operation === 'AddClientLinks' || operation === 'UpdateClientLinks' ? 'write' : 'read';
}
