import { parseArgs } from 'node:util';
import { AuthService } from '../auth/auth.service';
import { loadOrCreateSigningKeys } from '../auth/signing-key';
import { isRole } from '../auth/viewer';
import { ConfigError, loadConfig } from '../config/config';

const usage = `Usage: npm run token -- --role FAMILY|ADVOCATE|POLICY|ADMIN --sub <user id> [--org <organisation>] [--expires 12h]
Prints a bearer token signed with the service's embedded key (the same key the server uses).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      org: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const role = values.role?.toUpperCase();
  if (!isRole(role) || !values.sub) throw new ConfigError([usage]);
  if (role === 'ADVOCATE' && !values.org)
    throw new ConfigError(['An ADVOCATE token needs --org <organisation>.']);
  const config = loadConfig(process.env);
  const keys = await loadOrCreateSigningKeys({
    inline: config.auth.signingKey,
    file: config.auth.signingKeyFile,
  });
  const token = await new AuthService(config, keys).sign(
    { sub: values.sub, role, org: values.org },
    values.expires,
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
