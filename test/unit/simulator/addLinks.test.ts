import * as assert from 'node:assert/strict';
import type { ClientLink } from '../../../src/core/model/clientLink';
import { canInvite, STATUSES } from '../../../src/core/model/lifecycle';
import { addClientLinks } from '../../../src/simulator/rules/addLinks';
import { AdApiFault, ApiFault } from '../../../src/simulator/rules/errorCodes';
import { AGENCY, expectCodes, FABRIKAM, NORTHWIND, World } from './world';

const invite = (clientEntityId: string, extra: Partial<ClientLink> = {}): ClientLink => ({ ClientEntityId: clientEntityId, ManagingCustomerId: AGENCY, IsBillToClient: true, ...extra });

describe('simulator AddClientLinks rules', () => {
  it('creates a LinkPending link with service defaults and nil PartialErrors for successes', () => {
    const w = new World();
    const account = w.seed.invitableAccounts[0]!;
    const result = addClientLinks(w.as('contoso-admin'), [invite(account.id)]);
    assert.deepEqual(result, { operationErrors: [], partialErrors: [null] });
    const link = w.store.latest(AGENCY, 'AccountLink', account.id);
    assert.equal(link?.status, 'LinkPending');
    assert.equal(link?.inviterName, 'Contoso Agency');
    assert.equal(link?.inviterEmail, 'avery.howard@contoso-agency.example');
    assert.equal(link?.name, account.name);
    assert.equal(link?.startDateMs, w.now);
  });

  it('reports errors by index and applies the valid items (partial success)', () => {
    const w = new World();
    const [a, b] = w.seed.invitableAccounts;
    const result = addClientLinks(w.as('contoso-admin'), [invite(a!.id), invite('999999999'), invite(b!.id, { IsBillToClient: null })]);
    assert.deepEqual(expectCodes(result), [null, 2108, 90001]);
    assert.ok(w.store.latest(AGENCY, 'AccountLink', a!.id));
    assert.equal(w.store.latest(AGENCY, 'AccountLink', b!.id), undefined);
  });

  it('refuses more than 10 links with a whole-call OperationError 3024 and applies nothing', () => {
    const w = new World();
    const links = Array.from({ length: 11 }, (_, i) => invite(w.seed.invitableAccounts[i % 10]!.id));
    const result = addClientLinks(w.as('contoso-admin'), links);
    assert.deepEqual(result.operationErrors.map((e) => e.Code), [3024]);
    assert.deepEqual(result.partialErrors, []);
    assert.equal(w.store.latest(AGENCY, 'AccountLink', w.seed.invitableAccounts[0]!.id), undefined);
  });

  it('answers an empty or missing list with ApiFault 3087', () => {
    const w = new World();
    for (const links of [[], null, undefined]) {
      assert.throws(() => addClientLinks(w.as('contoso-admin'), links), (e: unknown) => e instanceof ApiFault && e.errors[0]?.Code === 3087);
    }
  });

  it('validates the fields: managing id xor number, name length, bill-to, dual ids', () => {
    const w = new World();
    const acct = w.seed.invitableAccounts[0]!;
    const ctx = w.as('contoso-admin');
    const codes = expectCodes(
      addClientLinks(ctx, [
        invite(acct.id, { ManagingCustomerNumber: 'A1B2C3D4E5' }),
        { ClientEntityId: acct.id, IsBillToClient: true },
        invite(acct.id, { Name: 'x'.repeat(41) }),
        invite(acct.id, { ClientEntityCustomerNumber: 'WRONG00000' }),
        invite(acct.id, { ClientEntityNumber: 'ZZZZZZZZ' }),
        invite(acct.id, { Type: 'SomethingLink' }),
        { ManagingCustomerId: AGENCY, IsBillToClient: true },
      ]),
    );
    assert.deepEqual(codes, [90001, 90001, 90001, 90002, 90002, 90001, 90001]);
  });

  it('accepts a 40-character name counted in characters (emoji included)', () => {
    const w = new World();
    const name = '😀'.repeat(40);
    const result = addClientLinks(w.as('contoso-admin'), [invite(w.seed.invitableAccounts[0]!.id, { Name: name })]);
    assert.deepEqual(expectCodes(result), [null]);
  });

  it('resolves the managing customer by number and the account by number', () => {
    const w = new World();
    const acct = w.seed.invitableAccounts[1]!;
    const result = addClientLinks(w.as('contoso-admin'), [{ ClientEntityNumber: acct.number, ManagingCustomerNumber: 'A1B2C3D4E5', IsBillToClient: false }]);
    assert.deepEqual(expectCodes(result), [null]);
    assert.equal(w.store.latest(AGENCY, 'AccountLink', acct.id)?.isBillToClient, false);
  });

  it('requires ClientEntityCustomerNumber for account links only when dual ids are enforced', () => {
    const w = new World();
    w.options = { ...w.options, dualIdForAccountLinks: true };
    const acct = w.seed.invitableAccounts.find((a) => a.ownerCustomerId === FABRIKAM)!;
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [invite(acct.id)])), [90001]);
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [invite(acct.id, { ClientEntityCustomerNumber: 'B9X7Z5Q3W1' })])), [null]);
  });

  it('customer links need id and number, matching, and a Super Admin', () => {
    const w = new World();
    const ok = { Type: 'CustomerLink', ClientEntityId: NORTHWIND, ClientEntityNumber: 'N7W3T5R8D2', ManagingCustomerId: AGENCY };
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [{ ...ok, ClientEntityNumber: undefined }])), [90001]);
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [{ ...ok, ClientEntityNumber: 'B9X7Z5Q3W1' }])), [90002]);
    assert.throws(() => addClientLinks(w.as('contoso-standard'), [ok]), (e: unknown) => e instanceof AdApiFault && e.errors[0]?.Code === 106);
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [ok])), [null]);
    assert.equal(w.store.latest(AGENCY, 'CustomerLink', NORTHWIND)?.status, 'LinkPending');
  });

  describe('role checks (spec §6)', () => {
    it('lets a Standard user invite account links', () => {
      const w = new World();
      assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-standard'), [invite(w.seed.invitableAccounts[0]!.id)])), [null]);
    });
    it('faults 106 when the caller may manage none of the links (Viewer, or another customer)', () => {
      const w = new World();
      for (const slug of ['contoso-viewer', 'fabrikam-admin'] as const) {
        assert.throws(() => addClientLinks(w.as(slug), [invite(w.seed.invitableAccounts[0]!.id)]), (e: unknown) => e instanceof AdApiFault && e.errors[0]?.Code === 106);
      }
    });
    it('reports 106 per item when only some links are out of reach', () => {
      const w = new World();
      const result = addClientLinks(w.as('contoso-admin'), [invite(w.seed.invitableAccounts[0]!.id), invite(w.seed.invitableAccounts[1]!.id, { ManagingCustomerId: FABRIKAM })]);
      assert.deepEqual(expectCodes(result), [null, 106]);
    });
  });

  it('refuses a new invitation with 1410 exactly while the latest status blocks it (canInvite)', () => {
    for (const def of STATUSES) {
      const w = new World();
      const link = w.linkInStatus(def.status);
      const result = addClientLinks(w.as('contoso-admin'), [invite(link.clientEntityId)]);
      assert.deepEqual(expectCodes(result), [canInvite(def.status) ? null : 1410], def.status);
      if (canInvite(def.status)) {
        assert.equal(w.store.history(AGENCY, 'AccountLink', link.clientEntityId).length, 2, 'history keeps the old link');
      }
    }
  });

  it('refuses a duplicate within the same batch', () => {
    const w = new World();
    const id = w.seed.invitableAccounts[0]!.id;
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [invite(id), invite(id)])), [null, 1410]);
  });

  it('refuses prepaid accounts (1471) and the agency\'s own accounts', () => {
    const w = new World();
    assert.deepEqual(expectCodes(addClientLinks(w.as('contoso-admin'), [invite(w.seed.prepaidAccountId), invite('180000001')])), [1471, 90001]);
  });
});
