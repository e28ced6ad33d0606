/**
 * The parts of node-soap we use (its WSDL parser and its Client, which writes envelopes). Bundled
 * on its own as `dist/node-soap.js` and required only when a process needs node-soap: when the
 * build's writer plan is missing or stale, when a request body does not fit the plan, or when
 * MSADS_SOAP_WRITER=node-soap. The service chunk (dist/service.js) then stays small and quick to load.
 */
export { open_wsdl } from 'soap/lib/wsdl';
export { Client } from 'soap/lib/client';
