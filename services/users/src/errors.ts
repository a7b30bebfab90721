import { AppError, Errors } from '@chat/platform';

/** The users service's error factories. */
export const UserErrors = {
  notFound: (id: number | string) => Errors.notFound(`User ${id}`),
  emailTaken: () => new AppError('CONFLICT', 'Email is already registered'),
  notHttpUrl: (field: string) => Errors.badRequest(`body.${field} must be an absolute http(s) URL`),
  notOnYourself: (what: string) => Errors.badRequest(`An administrator cannot ${what} their own account`),
};
