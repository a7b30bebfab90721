/** A failure to start that the launcher prints as one line, naming what to fix. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Runs a connect step; a failure becomes "VARIABLE: reason" with no stack trace. */
export async function connectOrExplain<T>(variable: string, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (err) {
    throw new StartupError(`${variable}: ${(err as Error).message}`);
  }
}
