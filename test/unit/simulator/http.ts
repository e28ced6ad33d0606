/** Raw SOAP over HTTP for the simulator's server tests. */
const V13 = 'https://bingads.microsoft.com/Customer/v13';
export const ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';

export interface EnvelopeOptions {
  token?: string | null;
  developerToken?: string | null;
  extraHeaders?: string;
}

export function envelope(operation: string, inner: string, options: EnvelopeOptions = {}): string {
  const header = [
    options.token === null ? '' : `<AuthenticationToken xmlns="${V13}">${options.token ?? 'sim-token-contoso-admin'}</AuthenticationToken>`,
    options.developerToken === null ? '' : `<DeveloperToken xmlns="${V13}">${options.developerToken ?? 'BBD37VB98'}</DeveloperToken>`,
    options.extraHeaders ?? '',
  ].join('');
  return (
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
    `<s:Header>${header}</s:Header><s:Body><${operation}Request xmlns="${V13}" xmlns:e="${ENTITIES}">${inner}</${operation}Request></s:Body></s:Envelope>`
  );
}

export const SEARCH_AGENCY = `<Predicates><e:Predicate><e:Field>DirectManagingCustomerId</e:Field><e:Operator>Equals</e:Operator><e:Value>251000123</e:Value></e:Predicate></Predicates><PageInfo><e:Index>0</e:Index><e:Size>100</e:Size></PageInfo>`;

export async function post(endpoint: string, soapAction: string | undefined, body: string, signal?: AbortSignal): Promise<{ status: number; text: string; contentType: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
  if (soapAction !== undefined) {
    headers.SOAPAction = soapAction;
  }
  const res = await fetch(endpoint, { method: 'POST', headers, body, signal });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

export async function soap(endpoint: string, operation: string, inner: string, options: EnvelopeOptions = {}): Promise<{ status: number; text: string }> {
  return post(endpoint, `"${operation}"`, envelope(operation, inner, options));
}
