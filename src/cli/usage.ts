/** The help text and the error that prints it: bad input, exit 2, nothing sent. */

export const USAGE = `msads-links <command> [options]

Commands:
  whoami                         The signed-in user, the customers they reach and their roles
  list [--status S,S] [--side agency|client|all]
                                 Client links of the active customer
  invite --account-id ID | --account-number NUM [--type AccountLink|CustomerLink]
         [--client-customer-number NUM] [--name TEXT] [--note TEXT]
         (--bill-to-client | --no-bill-to-client) [--start-date YYYY-MM-DD]
         [--suppress-notification]
  invite --csv FILE              Many invitations; columns: account_id or account_number,
                                 client_customer_number, type, name, note, bill_to_client,
                                 start_date, suppress_notification
                                 Invitations are first checked against your links: those the
                                 checks predict refused (a pending invitation or a link for that
                                 client already, the same client twice, a past start date) are
                                 listed and not sent. --force sends everything without the checks
  plan FILE [--prune]            Desired state: what would make your links match FILE (the
                                 invitation columns plus desired: linked, the default, or
                                 unlinked): invitations, cancellations, unlink requests. Sends
                                 nothing. Clients not in FILE are left alone; with --prune their
                                 pending invitations are canceled and active links unlinked
  apply FILE [--prune] [--yes]   Sends that plan after asking (--yes: without asking; without a
                                 terminal, --yes is required)
  accept  [ID...] [--all]        As the client: accept pending invitations
  decline [ID...] [--all]        As the client: decline pending invitations
  cancel  [ID...] [--all]        As the agency: withdraw pending invitations
  unlink  [ID...] [--all]        As the agency: request unlink of active links
  reinvite [ID...] [--all-expired]
                                 As the agency: send an expired, declined or canceled invitation
                                 again (same type, name, note, who pays and notification choice)
                                 (ID = client account or customer id)
  history [ID] [--limit N]       The link history kept on this machine: with an ID, every change of
                                 that client's links (oldest first); without, the N most recent
                                 changes across all links (default 50, newest first). No call is
                                 made when the customer is known (--customer-id, MSADS_CUSTOMER_ID)

Options:
  --json                         Machine-readable output (v13 field names)
  --api auto|soap|rest           Wire protocol (MSADS_API, default auto: SOAP until Microsoft turns
                                 it off on 2027-01-31, REST from that day)
  --environment production|sandbox   (MSADS_ENVIRONMENT, default production)
  --endpoint URL                 Custom service URL, e.g. the local simulator (MSADS_ENDPOINT): the
                                 SOAP .svc URL or a bare origin; REST uses its origin
  --customer-id ID               Customer to act for (MSADS_CUSTOMER_ID; default: your home customer)
  --timeout SECONDS              Per-request timeout (default 60)
  --journal-dir DIR              Where the link history is kept (MSADS_JOURNAL_DIR; default
                                 msads-links/journal under XDG_CONFIG_HOME or ~/.config, under
                                 ~/Library/Application Support on macOS, under %APPDATA% on Windows).
                                 list and every action record what they see and do there
  --version                      The version of msads-links
  -h, --help

Environment: MSADS_ACCESS_TOKEN (OAuth access token, msads.manage scope), MSADS_DEVELOPER_TOKEN,
MSADS_ACCOUNT_ID (default client account for accept/decline). Tokens are never printed.

Ctrl+C during a bulk command stops sending (calls already sent finish) and still prints every item.
Exit codes: 0 every item succeeded; 1 something failed at the service; 2 bad input or settings
(nothing was sent); 130 stopped by Ctrl+C.`;

/** Input the command line got wrong: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {}
