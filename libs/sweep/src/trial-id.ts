/** A trial's identity: the first 12 hex digits of the SHA-256 of its canonical config. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const TRIAL_ID_LENGTH = 12;

export function trialId(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, TRIAL_ID_LENGTH);
}
