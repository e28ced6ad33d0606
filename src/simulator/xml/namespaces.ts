/** XML namespace URIs of the Customer Management v13 contract (spec §1): the client's, plus the WCF ones only the service writes. */
import { NS as CONTRACT } from '../../core/soap/namespaces';

export const NS = {
  ...CONTRACT,
  soap: CONTRACT.soapEnvelope,
  wcfDispatcher: 'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher',
  addressingNone: 'http://schemas.microsoft.com/ws/2005/05/addressing/none',
} as const;
