/** Largest request body the users routes accept (their bodies are a few hundred bytes). */
export const BODY_LIMIT_BYTES = 16 * 1024;
