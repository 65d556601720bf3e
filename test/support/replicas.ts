import { exportJWK, generateKeyPair } from 'jose';

/** One signing key for several replicas, as a deployment shares it (AUTH_SIGNING_KEY). */
export const sharedSigningKey = async (): Promise<string> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256', kid: 'replicas-test' });
};

/** pg_locks shows a 64-bit advisory key as classid (high 32 bits) and objid (low 32 bits). */
export const advisoryLockParts = (key: bigint): { classid: string; objid: string } => {
  const unsigned = BigInt.asUintN(64, key);
  return { classid: (unsigned >> 32n).toString(), objid: (unsigned & 0xffffffffn).toString() };
};
