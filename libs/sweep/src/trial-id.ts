/**
 * A trial's identity: the first 12 hex digits of the SHA-256 of its canonical config, and of the
 * fingerprint of its data files (their contents' hashes) when the caller provides one.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const TRIAL_ID_LENGTH = 12;

export function trialId(config: unknown, data?: string): string {
  const identity = data === undefined ? canonicalJson(config) : canonicalJson({ config, data });
  return createHash('sha256').update(identity).digest('hex').slice(0, TRIAL_ID_LENGTH);
}
