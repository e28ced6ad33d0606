/** XML namespace URIs of the Customer Management v13 contract (spec §1). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  v13: 'https://bingads.microsoft.com/Customer/v13',
  entities: 'https://bingads.microsoft.com/Customer/v13/Entities',
  exception: 'https://bingads.microsoft.com/Customer/v13/Exception',
  adapi: 'https://adapi.microsoft.com',
  generic: 'http://schemas.datacontract.org/2004/07/System.Collections.Generic',
  arrays: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
  wcfDispatcher: 'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher',
  addressingNone: 'http://schemas.microsoft.com/ws/2005/05/addressing/none',
} as const;
