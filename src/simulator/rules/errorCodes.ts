/**
 * Error codes the simulator returns (spec §8.3). Platform codes travel in AdApiFaultDetail with
 * a symbolic ErrorCode; Customer Management codes travel as OperationErrors (no symbolic code).
 */
import type { AdApiError, OperationError } from '../../core/model/clientLink';

export const AD_API_ERRORS = {
  InternalError: { Code: 0, ErrorCode: 'InternalError', Message: 'An internal error has occurred.' },
  /** REST: a body that cannot be read as the request object (rest/faults.ts). */
  NullRequest: { Code: 100, ErrorCode: 'NullRequest', Message: 'The request message is null.' },
  InvalidCredentials: { Code: 105, ErrorCode: 'InvalidCredentials', Message: 'Authentication failed. Either supplied credentials are invalid or the account is inactive.' },
  UserIsNotAuthorized: { Code: 106, ErrorCode: 'UserIsNotAuthorized', Message: 'You do not have permission to access this entity.' },
  AuthenticationTokenExpired: { Code: 109, ErrorCode: 'AuthenticationTokenExpired', Message: 'Access token has expired.' },
  InvalidDateObject: { Code: 113, ErrorCode: 'InvalidDateObject', Message: 'The specified date object is not valid.' },
  RequestMissingHeaders: { Code: 116, ErrorCode: 'RequestMissingHeaders', Message: 'The request is missing one or more required headers.' },
  CallRateExceeded: { Code: 117, ErrorCode: 'CallRateExceeded', Message: 'You have exceeded the number of calls that you are allowed to make in a given time period. Please wait at least 60 seconds before you retry.' },
} as const satisfies Record<string, Omit<AdApiError, 'Detail'>>;

export type AdApiErrorName = keyof typeof AD_API_ERRORS;

export function adApiError(name: AdApiErrorName, detail: string | null = null): AdApiError {
  return { ...AD_API_ERRORS[name], Detail: detail };
}

export const OPERATION_ERRORS = {
  PredicateMissing: { Code: 474, Message: 'A required search predicate is missing.' },
  InvitationAlreadyExists: { Code: 1410, Message: 'A link invitation for this client account already exists.' },
  ManagedByAnotherAgency: { Code: 1424, Message: 'The client account is already managed by another agency.' },
  PrepaidAccountNotAllowed: { Code: 1471, Message: 'A prepaid client account cannot be managed by an agency.' },
  InvalidAccountId: { Code: 2108, Message: 'The account ID is invalid.' },
  BatchSizeExceeded: { Code: 3024, Message: 'The number of client links exceeds the limit of 10 per call.' },
  InvalidPredicate: { Code: 3030, Message: 'The predicate is not valid.' },
  InvalidPaging: { Code: 3080, Message: 'The paging information is missing or not valid. The page size must be greater than 0 and at most 100, and the index at least 0.' },
  ReadOnlyFieldChanged: { Code: 3083, Message: 'A non-updatable element of the client link was changed.' },
  ListNullOrEmpty: { Code: 3087, Message: 'The ClientLinks list is null or empty.' },
  /** PLACEHOLDER (fake code): the real numeric value of ClientLinkFieldInvalid is undocumented. */
  ClientLinkFieldInvalid: { Code: 90001, Message: 'ClientLinkFieldInvalid: a client link field is missing or not valid.' },
  /** PLACEHOLDER (fake code): the real numeric value of LinkPairMismatch is undocumented. */
  LinkPairMismatch: { Code: 90002, Message: 'LinkPairMismatch: the number does not match the id.' },
  /** PLACEHOLDER (fake code): the stale-Timestamp code for client links is undocumented. */
  TimestampNotMatch: { Code: 90003, Message: 'The Timestamp does not match the current version of the client link. Search again and retry.' },
} as const satisfies Record<string, Omit<OperationError, 'Details'>>;

export type OperationErrorName = keyof typeof OPERATION_ERRORS;

/** The simulator's invented codes, listed so tests and docs can flag them as fake. */
export const PLACEHOLDER_CODES: Readonly<Record<string, number>> = {
  ClientLinkFieldInvalid: 90001,
  LinkPairMismatch: 90002,
  TimestampNotMatch: 90003,
};

/** An OperationError; `details` is appended to the message (Details itself is nil, as the service usually sends). */
export function operationError(name: OperationErrorName, details?: string): OperationError {
  const base = OPERATION_ERRORS[name];
  return { Code: base.Code, Details: null, Message: details ? `${base.Message} ${details}` : base.Message };
}

/** A fault with AdApiFaultDetail (platform errors). */
export class AdApiFault extends Error {
  constructor(readonly errors: AdApiError[]) {
    super(errors.map((e) => `${e.ErrorCode} (${e.Code})`).join('; '));
    this.name = 'AdApiFault';
  }
}

/** A fault with ApiFault (whole-request validation). */
export class ApiFault extends Error {
  constructor(readonly errors: OperationError[]) {
    super(errors.map((e) => `${e.Code}: ${e.Message}`).join('; '));
    this.name = 'ApiFault';
  }
}
