import { AppError, Errors } from '@chat/platform';

/** The users service's error factories. */
export const UserErrors = {
  notFound: (id: number | string) => Errors.notFound(`User ${id}`),
  emailTaken: () => new AppError('CONFLICT', 'Email is already registered'),
  notOnYourself: (what: string) => Errors.badRequest(`An administrator cannot ${what} their own account`),
};
