import {
  AuthResponse,
  BearerAuth,
  ClientErrors,
  LoginBody,
  LogoutBody,
  RefreshBody,
  SignupBody,
} from '@chat/contracts';

/** Route schemas of the auth service. Unknown body fields are removed before handlers run. */

export const signupSchema = {
  tags: ['auth'],
  summary: 'Create an account (ROLE_USER) and sign in',
  body: SignupBody,
  response: { 201: AuthResponse, ...ClientErrors },
};

export const loginSchema = {
  tags: ['auth'],
  summary: 'Sign in with email and password',
  body: LoginBody,
  response: { 200: AuthResponse, ...ClientErrors },
};

export const refreshSchema = {
  tags: ['auth'],
  summary: 'Exchange a refresh token for a new pair (the old one stops working; reuse revokes the session)',
  body: RefreshBody,
  response: { 200: AuthResponse, ...ClientErrors },
};

export const logoutSchema = {
  tags: ['auth'],
  summary: "End the presented token's session (body optional and ignored)",
  security: BearerAuth,
  body: LogoutBody,
  response: ClientErrors,
};
