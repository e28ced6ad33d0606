/** Entry point of dist/simulator.js (`npm run simulator`). */
import { parseCliArgs, UsageError, USAGE } from './cliArgs';
import { SystemClock } from './clock';
import { startSimulator, type RunningSimulator } from './index';
import { restRouteOf } from './rest/routes';

function summary(sim: RunningSimulator): string {
  const lines = [
    `Customer Management v13 simulator (seed ${sim.control.state({ includeLinks: false }).seed})`,
    `  endpoint:        ${sim.endpoint}`,
    `  WSDL:            ${sim.endpoint}?wsdl`,
    `  REST base URL:   ${sim.restBaseUrl}  (e.g. POST ${restRouteOf('SearchClientLinks').path})`,
    `  developer token: ${sim.developerToken}`,
    `  control:         ${sim.controlUrl}  (GET /state, POST /faults, /latency, /clock/advance, /reset)`,
    '',
    '  users (access token = SOAP AuthenticationToken header; REST Authorization: Bearer <token>):',
    ...sim.seed.users.map((u) => `    ${u.name.padEnd(14)} ${u.role.padEnd(12)} ${u.customerName} (${u.customerId})  token ${u.accessToken}  expired ${u.expiredAccessToken}`),
  ];
  if (sim.seed.invitableAccounts.length > 0) {
    lines.push('', '  accounts the agency can invite:');
    for (const a of sim.seed.invitableAccounts) {
      lines.push(`    ${a.id}  ${a.number}  ${a.name} (customer ${a.ownerCustomerId})`);
    }
  }
  if (sim.seed.prepaidAccountId) {
    lines.push(`    ${sim.seed.prepaidAccountId}  (prepaid: inviting it answers 1471)`);
  }
  lines.push('', 'Ctrl+C to stop.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw e;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sim = await startSimulator({ ...options.start, clock: new SystemClock() });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ endpoint: sim.endpoint, restBaseUrl: sim.restBaseUrl, developerToken: sim.developerToken, users: sim.users })}\n`);
  } else {
    process.stdout.write(`${summary(sim)}\n`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
