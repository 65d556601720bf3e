import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKeys {
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly kid: string;
}

const importKeys = async (jwk: JWK): Promise<SigningKeys> => {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new Error('The signing key must be a private EC P-256 JWK (with "d").');
  }
  const { d: _d, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, SIGNING_ALGORITHM)) as KeyLike,
    publicKey: (await importJWK(publicJwk, SIGNING_ALGORITHM)) as KeyLike,
    kid: jwk.kid ?? 'local',
  };
};

/**
 * The embedded signing key: given in configuration, or read from the data directory, or generated there on first
 * start (readable by the owner only). Production deployments may verify an external issuer instead.
 */
export const loadOrCreateSigningKeys = async (options: {
  readonly inline: string | null;
  readonly file: string;
}): Promise<SigningKeys> => {
  if (options.inline) return importKeys(JSON.parse(options.inline) as JWK);
  if (existsSync(options.file))
    return importKeys(JSON.parse(readFileSync(options.file, 'utf8')) as JWK);
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    alg: SIGNING_ALGORITHM,
    kid: `local-${Date.now().toString(36)}`,
  };
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, JSON.stringify(jwk, null, 2), { mode: 0o600, flag: 'wx' });
  return importKeys(jwk);
};
