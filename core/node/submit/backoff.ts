// Exponential backoff with "full jitter" (AWS architecture blog): a random pause between 0 and
// min(max, initial * 2^attempt), so that many clients that failed together do not retry together.

export interface BackoffPolicy {
  initialDelay: number;
  maxDelay: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelay: 5_000, maxDelay: 300_000 };

/** Pause before retry number `attempt` (1 = the first retry), in ms. Never below a tenth of the cap. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxDelay, policy.initialDelay * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 10 + random() * cap * 0.9);
}
