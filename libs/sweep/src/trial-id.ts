/**
 * A trial's identity: the first 12 hex digits of the SHA-256 of its canonical config, and of the
 * fingerprint of its data files (their contents' hashes) when the caller provides one.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const TRIAL_ID_LENGTH = 12;

/**
 * Settings of how a trial runs that do not change what it computes (how often it writes a
 * checkpoint): left out of its identity, so changing them keeps the trial, its results and its
 * checkpoint.
 */
export function withoutRunSettings(config: unknown): unknown {
  const training = (config as { training?: Record<string, unknown> } | null)?.training;
  if (training?.checkpoint_every === undefined) return config;
  const { checkpoint_every: _ignored, ...rest } = training;
  return { ...(config as object), training: rest };
}

export function trialId(config: unknown, data?: string): string {
  const what = withoutRunSettings(config);
  const identity = data === undefined ? canonicalJson(what) : canonicalJson({ config: what, data });
  return createHash('sha256').update(identity).digest('hex').slice(0, TRIAL_ID_LENGTH);
}
