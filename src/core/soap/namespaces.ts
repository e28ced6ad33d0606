/** XML namespaces of Customer Management v13 (spec §1). Prefixes on the wire are arbitrary: match URIs. */
export const NS = {
  soapEnvelope: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12Envelope: 'http://www.w3.org/2003/05/soap-envelope',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  v13: 'https://bingads.microsoft.com/Customer/v13',
  entities: 'https://bingads.microsoft.com/Customer/v13/Entities',
  exception: 'https://bingads.microsoft.com/Customer/v13/Exception',
  adapi: 'https://adapi.microsoft.com',
  generic: 'http://schemas.datacontract.org/2004/07/System.Collections.Generic',
  arrays: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
} as const;
