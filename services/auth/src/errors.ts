import { AppError, Errors } from '@chat/platform';

/** The auth service's error factories. */
export const AuthErrors = {
  /** The same answer for an unknown email and a wrong password. */
  invalidCredentials: () => Errors.unauthorized('Invalid email or password'),
  /** Only once the password was right: the account exists but may not sign in. */
  accountNotActive: () => Errors.forbidden('This account is not active'),
  invalidRefreshToken: () => Errors.unauthorized('Invalid or expired refresh token'),
  refreshTokenReused: () =>
    Errors.unauthorized('Refresh token was already used; the session has been revoked'),
  emailTaken: () => new AppError('CONFLICT', 'Email is already registered'),
};
