/** Response envelopes as the service writes them (spec §10), for tests. */
import type { ClientLink } from '../../../src/core/model/clientLink';
import { CLIENT_LINK_FIELDS } from '../../../src/core/model/clientLink';

const S_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const V13 = 'https://bingads.microsoft.com/Customer/v13';
const ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';
const EXCEPTION = 'https://bingads.microsoft.com/Customer/v13/Exception';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function envelope(body: string, trackingId?: string): string {
  const header = trackingId ? `<s:Header><h:TrackingId xmlns:h="${V13}">${trackingId}</h:TrackingId></s:Header>` : '';
  return `<s:Envelope xmlns:s="${S_NS}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** A ClientLink as the service emits it: every member in order, nulls as i:nil, ClientEntityCustomerNumber omitted when null. */
export function clientLinkXml(link: ClientLink): string {
  let xml = '<a:ClientLink>';
  for (const field of CLIENT_LINK_FIELDS) {
    const value = link[field];
    if (value === undefined) {
      continue;
    }
    if (value === null) {
      if (field !== 'ClientEntityCustomerNumber') {
        xml += `<a:${field} i:nil="true"/>`;
      }
      continue;
    }
    if (Array.isArray(value)) {
      xml += `<a:${field} xmlns:b="http://schemas.datacontract.org/2004/07/System.Collections.Generic">${value
        .map((p) => `<b:KeyValuePairOfstringstring><b:key>${esc(p.key ?? '')}</b:key><b:value>${esc(p.value ?? '')}</b:value></b:KeyValuePairOfstringstring>`)
        .join('')}</a:${field}>`;
      continue;
    }
    xml += `<a:${field}>${esc(String(value))}</a:${field}>`;
  }
  return `${xml}</a:ClientLink>`;
}

export function searchResponse(links: ClientLink[], trackingId = 'search-tracking'): string {
  return envelope(
    `<SearchClientLinksResponse xmlns="${V13}"><ClientLinks xmlns:a="${ENTITIES}" xmlns:i="${XSI}">${links.map(clientLinkXml).join('')}</ClientLinks></SearchClientLinksResponse>`,
    trackingId,
  );
}

export interface ErrorSpec {
  code: number;
  message: string;
  details?: string;
}

function operationErrorXml(e: ErrorSpec): string {
  return `<a:OperationError><a:Code>${e.code}</a:Code>${e.details ? `<a:Details>${esc(e.details)}</a:Details>` : '<a:Details i:nil="true"/>'}<a:Message>${esc(e.message)}</a:Message></a:OperationError>`;
}

/** Add/UpdateClientLinksResponse. `partial` undefined → PartialErrors omitted. */
export function writeResponse(operation: 'AddClientLinks' | 'UpdateClientLinks', partial: (ErrorSpec[] | null)[] | undefined, operationErrors: ErrorSpec[] = [], trackingId = 'write-tracking'): string {
  const ns = `xmlns:a="${EXCEPTION}" xmlns:i="${XSI}"`;
  const partialXml =
    partial === undefined
      ? ''
      : `<PartialErrors ${ns}>${partial.map((p) => (p === null ? '<a:ArrayOfOperationError i:nil="true"/>' : `<a:ArrayOfOperationError>${p.map(operationErrorXml).join('')}</a:ArrayOfOperationError>`)).join('')}</PartialErrors>`;
  return envelope(`<${operation}Response xmlns="${V13}"><OperationErrors ${ns}>${operationErrors.map(operationErrorXml).join('')}</OperationErrors>${partialXml}</${operation}Response>`, trackingId);
}

export function adApiFault(code: number, errorCode: string, message: string, trackingId: string | null = 'fault-tracking'): string {
  return envelope(
    `<s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Invalid client data. Check the SOAP fault details for more information. TrackingId: ${trackingId ?? 'in-faultstring'}</faultstring><detail><AdApiFaultDetail xmlns="https://adapi.microsoft.com" xmlns:i="${XSI}">${
      trackingId ? `<TrackingId>${trackingId}</TrackingId>` : ''
    }<Errors><AdApiError><Code>${code}</Code><Detail i:nil="true"/><ErrorCode>${errorCode}</ErrorCode><Message>${esc(message)}</Message></AdApiError></Errors></AdApiFaultDetail></detail></s:Fault>`,
  );
}

export function apiFault(errors: ErrorSpec[], trackingId = 'api-fault-tracking'): string {
  return envelope(
    `<s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Invalid client data. Check the SOAP fault details for more information. TrackingId: ${trackingId}</faultstring><detail><ApiFault xmlns="${V13}" xmlns:a="${EXCEPTION}" xmlns:i="${XSI}"><TrackingId xmlns="https://adapi.microsoft.com">${trackingId}</TrackingId><a:OperationErrors>${errors
      .map(operationErrorXml)
      .join('')}</a:OperationErrors></ApiFault></detail></s:Fault>`,
  );
}

export function getUserResponse(trackingId = 'user-tracking'): string {
  return envelope(
    `<GetUserResponse xmlns="${V13}"><User xmlns:a="${ENTITIES}" xmlns:i="${XSI}"><a:ContactInfo><a:Email>ops@contoso.example</a:Email></a:ContactInfo><a:CustomerId>251000123</a:CustomerId><a:Id>171234567</a:Id><a:Name><a:FirstName>Ada</a:FirstName><a:LastName>Lovelace</a:LastName><a:MiddleInitial i:nil="true"/></a:Name><a:SecretQuestion>None</a:SecretQuestion><a:UserLifeCycleStatus>Active</a:UserLifeCycleStatus><a:UserName>ada@contoso.example</a:UserName></User><CustomerRoles xmlns:a="${ENTITIES}" xmlns:i="${XSI}"><a:CustomerRole><a:RoleId>41</a:RoleId><a:CustomerId>251000123</a:CustomerId><a:AccountIds xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"/><a:LinkedAccountIds xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><b:long>180012345</b:long><b:long>9007199254740993</b:long></a:LinkedAccountIds><a:CustomerLinkPermission i:nil="true"/></a:CustomerRole></CustomerRoles></GetUserResponse>`,
    trackingId,
  );
}

/** The spec §10 link, as Search returns it. */
export function sampleLink(overrides: Partial<ClientLink> = {}): ClientLink {
  return {
    Type: 'AccountLink',
    ClientEntityId: '180012345',
    ClientEntityNumber: 'F120ABCD',
    ClientEntityName: 'Fabrikam Shoes - US',
    ManagingCustomerId: '251000123',
    ManagingCustomerNumber: 'A1B2C3D4E5',
    ManagingCustomerName: 'Contoso Agency',
    Note: 'Contoso will run your Q4 search campaigns.',
    Name: 'Fabrikam Shoes US',
    InviterEmail: 'ops@contoso-agency.example',
    InviterName: 'Contoso Agency',
    InviterPhone: '+14255550100',
    IsBillToClient: true,
    StartDate: '2026-09-01T17:05:12.53',
    Status: 'LinkPending',
    SuppressNotification: false,
    LastModifiedDateTime: '2026-09-01T17:05:12.53',
    LastModifiedByUserId: '171234567',
    Timestamp: 'AAAAAAGq3n0=',
    ForwardCompatibilityMap: null,
    CustomerLinkPermission: null,
    ClientEntityCustomerNumber: 'B9X7Z5Q3W1',
    ...overrides,
  };
}
