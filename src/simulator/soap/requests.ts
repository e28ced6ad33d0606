/**
 * Reads the body wrapper of each supported operation into plain inputs. Absent members are
 * `undefined`, nil members `null` (spec §11.3); member order is enforced as WCF does (§11.2).
 */
import { CLIENT_LINK_FIELDS, isClientLinkStatus, type ClientLink, type KeyValuePair } from '../../core/model/clientLink';
import { NS } from '../xml/namespaces';
import { childElements, isNil, type XmlElement } from '../xml/reader';
import { Sequence, type SequenceOptions } from '../xml/sequence';
import { parseDateTime } from '../xml/dateTime';
import { DeserializationError, InvalidDateError } from '../requestErrors';
import { ORDER_BY_FIELDS, PREDICATE_OPERATORS, SORT_ORDERS, type ClientLinksInput, type CustomerAccountsInput, type CustomersInfoInput, type GetUserInput, type PagingInput, type SearchAccountsInput, type SearchInput } from '../rules/inputs';

// The input types moved to rules/inputs (they are not SOAP's); re-exported for existing importers.
export type { ClientLinksInput, CustomerAccountsInput, CustomersInfoInput, GetUserInput, OrderByInput, PagingInput, PredicateInput, SearchAccountsInput, SearchInput } from '../rules/inputs';

export interface ReadOptions extends SequenceOptions {
  /** Refuse dateTimes with a signed offset such as +00:00 (spec §11.1). Default true. */
  rejectSignedOffsets?: boolean;
}

/** Reads one request; collects the names of members skipped for being out of order. */
export class RequestReader {
  readonly ignoredMembers: string[] = [];

  constructor(private readonly options: ReadOptions = {}) {}

  getUser(wrapper: XmlElement): GetUserInput {
    const seq = this.sequence(wrapper, NS.v13, ['UserId']);
    return { UserId: seq.long('UserId') };
  }

  clientLinks(wrapper: XmlElement): ClientLinksInput {
    const seq = this.sequence(wrapper, NS.v13, ['ClientLinks']);
    const list = seq.element('ClientLinks');
    if (!list) {
      return { ClientLinks: undefined };
    }
    if (isNil(list)) {
      return { ClientLinks: null };
    }
    return { ClientLinks: childElements(list, NS.entities, 'ClientLink').map((el) => this.clientLink(el)) };
  }

  search(wrapper: XmlElement): SearchInput {
    const seq = this.sequence(wrapper, NS.v13, ['Predicates', 'Ordering', 'PageInfo']);
    return this.searchParts(seq);
  }

  searchAccounts(wrapper: XmlElement): SearchAccountsInput {
    const seq = this.sequence(wrapper, NS.v13, ['Predicates', 'Ordering', 'PageInfo', 'ReturnAdditionalFields']);
    const fields = seq.string('ReturnAdditionalFields');
    return { ...this.searchParts(seq), ReturnAdditionalFields: fields ? fields.trim().split(/\s+/) : [] };
  }

  customerAccounts(wrapper: XmlElement): CustomerAccountsInput {
    const seq = this.sequence(wrapper, NS.v13, ['CustomerId', 'OnlyParentAccounts']);
    return { CustomerId: seq.long('CustomerId'), OnlyParentAccounts: seq.boolean('OnlyParentAccounts', false) ?? undefined };
  }

  customersInfo(wrapper: XmlElement): CustomersInfoInput {
    const seq = this.sequence(wrapper, NS.v13, ['CustomerNameFilter', 'TopN']);
    return { CustomerNameFilter: seq.string('CustomerNameFilter'), TopN: seq.int('TopN', false) ?? undefined };
  }

  clientLink(el: XmlElement): ClientLink {
    const seq = this.sequence(el, NS.entities, CLIENT_LINK_FIELDS);
    const status = seq.string('Status');
    if (status !== undefined && status !== null && !isClientLinkStatus(status)) {
      throw new DeserializationError(`Invalid enum value '${status}' cannot be deserialized into type 'ClientLinkStatus'.`);
    }
    const link: ClientLink = {
      Type: seq.string('Type'),
      ClientEntityId: seq.long('ClientEntityId'),
      ClientEntityNumber: seq.string('ClientEntityNumber'),
      ClientEntityName: seq.string('ClientEntityName'),
      ManagingCustomerId: seq.long('ManagingCustomerId'),
      ManagingCustomerNumber: seq.string('ManagingCustomerNumber'),
      ManagingCustomerName: seq.string('ManagingCustomerName'),
      Note: seq.string('Note'),
      Name: seq.string('Name'),
      InviterEmail: seq.string('InviterEmail'),
      InviterName: seq.string('InviterName'),
      InviterPhone: seq.string('InviterPhone'),
      IsBillToClient: seq.boolean('IsBillToClient'),
      StartDate: this.dateTime(seq, 'StartDate', true),
      Status: status,
      SuppressNotification: seq.boolean('SuppressNotification', false) ?? undefined,
      LastModifiedDateTime: this.dateTime(seq, 'LastModifiedDateTime', false) ?? undefined,
      LastModifiedByUserId: seq.long('LastModifiedByUserId', false) ?? undefined,
      Timestamp: this.base64(seq, 'Timestamp'),
      ForwardCompatibilityMap: this.keyValuePairs(seq.element('ForwardCompatibilityMap')),
      CustomerLinkPermission: seq.string('CustomerLinkPermission'),
      ClientEntityCustomerNumber: seq.string('ClientEntityCustomerNumber'),
    };
    // Absent members stay absent so the rules can tell "not sent" from "sent as nil".
    for (const key of CLIENT_LINK_FIELDS) {
      if (!seq.has(key)) {
        delete link[key];
      }
    }
    return link;
  }

  private searchParts(seq: Sequence): SearchInput {
    return {
      Predicates: this.list(seq.element('Predicates'), 'Predicate', (el) => {
        const p = this.sequence(el, NS.entities, ['Field', 'Operator', 'Value']);
        return { Field: p.string('Field'), Operator: this.enumValue(p, 'Operator', PREDICATE_OPERATORS), Value: p.string('Value') };
      }),
      Ordering: this.list(seq.element('Ordering'), 'OrderBy', (el) => {
        const o = this.sequence(el, NS.entities, ['Field', 'Order']);
        return { Field: this.enumValue(o, 'Field', ORDER_BY_FIELDS), Order: this.enumValue(o, 'Order', SORT_ORDERS) };
      }),
      PageInfo: this.paging(seq.element('PageInfo')),
    };
  }

  private paging(el: XmlElement | undefined): PagingInput | null | undefined {
    if (!el) {
      return undefined;
    }
    if (isNil(el)) {
      return null;
    }
    const p = this.sequence(el, NS.entities, ['Index', 'Size']);
    return { Index: p.int('Index', false) ?? undefined, Size: p.int('Size', false) ?? undefined };
  }

  private list<T>(el: XmlElement | undefined, itemName: string, read: (item: XmlElement) => T): T[] | null | undefined {
    if (!el) {
      return undefined;
    }
    if (isNil(el)) {
      return null;
    }
    return childElements(el, NS.entities, itemName).map(read);
  }

  private enumValue(seq: Sequence, name: string, allowed: readonly string[]): string | undefined {
    const el = seq.element(name);
    if (!el) {
      return undefined;
    }
    if (isNil(el) || !allowed.includes(el.text.trim())) {
      throw new DeserializationError(`Invalid enum value '${isNil(el) ? 'nil' : el.text}' for '${name}'.`);
    }
    return el.text.trim();
  }

  private dateTime(seq: Sequence, name: string, nillable: boolean): string | null | undefined {
    const raw = nillable ? seq.string(name) : seq.has(name) ? (seq.string(name) ?? nilNotAllowed(name)) : undefined;
    if (raw === undefined || raw === null) {
      return raw;
    }
    const parsed = parseDateTime(raw);
    if (!parsed.ok) {
      throw new DeserializationError(`The value '${raw}' cannot be parsed as the type 'DateTime'.`);
    }
    if (parsed.hasSignedOffset && (this.options.rejectSignedOffsets ?? true)) {
      throw new InvalidDateError(`${name} '${raw}' has a signed UTC offset; send the dateTime without an offset suffix.`);
    }
    return raw;
  }

  private base64(seq: Sequence, name: string): string | null | undefined {
    const raw = seq.string(name);
    if (raw === undefined || raw === null) {
      return raw;
    }
    const compact = raw.replace(/\s+/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
      throw new DeserializationError(`The value of '${name}' is not valid base64.`);
    }
    return compact;
  }

  private keyValuePairs(el: XmlElement | undefined): KeyValuePair[] | null | undefined {
    if (!el) {
      return undefined;
    }
    if (isNil(el)) {
      return null;
    }
    return childElements(el, NS.generic, 'KeyValuePairOfstringstring').map((pair) => {
      const kv = this.sequence(pair, NS.generic, ['key', 'value']);
      return { key: kv.string('key') ?? null, value: kv.string('value') ?? null };
    });
  }

  private sequence(el: XmlElement, uri: string, order: readonly string[]): Sequence {
    const seq = new Sequence(el, uri, order, this.options);
    this.ignoredMembers.push(...seq.ignored.map((m) => `${el.local}.${m}`));
    return seq;
  }
}

function nilNotAllowed(name: string): never {
  throw new DeserializationError(`'${name}' cannot be nil.`);
}
