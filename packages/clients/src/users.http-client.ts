import {
  type CreateUserInput,
  createChecker,
  isHttpErrorCode,
  PublicProfileList,
  usersInternalPaths as paths,
  UserAccount,
  type UserRole,
  type UsersClient,
} from '@chat/contracts';
import { AppError, Errors } from '@chat/platform';
import type { HttpCaller, HttpResponse } from './http-caller.ts';
import { checkedAnswer, createInternalCaller, type InternalClientOptions } from './internal-caller.ts';

export type HttpUsersClientOptions = InternalClientOptions;

const checkAccount = createChecker(UserAccount, 'users: account');
const checkProfiles = createChecker(PublicProfileList, 'users: profiles');

/** Maps an answer the client did not expect to the contract's errors (4xx keep their meaning). */
function failure(res: HttpResponse): AppError {
  const message = (res.body as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : `users answered ${res.status}`;
  const code = (res.body as { error?: unknown } | null)?.error;
  if (res.status === 401) return Errors.unavailable('users service rejected the internal token');
  if (res.status >= 400 && res.status < 500 && isHttpErrorCode(code)) {
    return new AppError(code, text);
  }
  return Errors.unavailable(text);
}

/** UsersClient over the users service's internal HTTP API. */
export function createHttpUsersClient(opts: HttpUsersClientOptions, caller?: HttpCaller): UsersClient {
  const http = caller ?? createInternalCaller('users', opts);

  async function account(path: string, query?: Record<string, string>): Promise<UserAccount | null> {
    const res = await http.call({ method: 'GET', path, query, idempotent: true });
    if (res.status === 404) return null;
    if (res.status !== 200) throw failure(res);
    return checkedAnswer('users', checkAccount, res.body);
  }

  return {
    async createUser(input: CreateUserInput) {
      // Not retried: a lost answer may mean the account exists (a retry would then get 409).
      const res = await http.call({ method: 'POST', path: paths.create, body: input, idempotent: false });
      if (res.status !== 201) throw failure(res);
      return checkedAnswer('users', checkAccount, res.body);
    },
    findByEmail: (email) => account(paths.byEmail, { email }),
    getUser: (id) => account(paths.byId(id)),
    async getPublicProfiles(ids) {
      if (ids.length === 0) return [];
      const res = await http.call({ method: 'POST', path: paths.profiles, body: { ids }, idempotent: true });
      if (res.status !== 200) throw failure(res);
      return checkedAnswer('users', checkProfiles, res.body);
    },
    async setRole(id: number, role: UserRole) {
      const res = await http.call({ method: 'PUT', path: paths.role(id), body: { role }, idempotent: true });
      if (res.status !== 200) throw failure(res);
      return checkedAnswer('users', checkAccount, res.body);
    },
    async removeUser(id) {
      const res = await http.call({ method: 'DELETE', path: paths.byId(id), idempotent: true });
      if (res.status !== 204 && res.status !== 404) throw failure(res);
    },
    async markSeen(id) {
      const res = await http.call({ method: 'POST', path: paths.seen(id), idempotent: true });
      if (res.status !== 204) throw failure(res);
    },
  };
}
