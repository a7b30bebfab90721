/**
 * `promise`, or a rejection after `ms`: "<what> timed out after <ms> ms" ("timed out after
 * <ms> ms" without `what`). The timer is cleared either way; `promise` itself goes on.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const message = `timed out after ${ms} ms`;
    timer = setTimeout(() => reject(new Error(what ? `${what} ${message}` : message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
