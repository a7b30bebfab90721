import type { AuthResponse, UserAccount } from '@chat/contracts';
import type { TokenPair } from './sessions/session.service.ts';

/** The login shape (signup, login and refresh answer with it). */
export function toAuthResponse(user: UserAccount, tokens: TokenPair): AuthResponse {
  return {
    token: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    tokenType: 'Bearer',
    expiresIn: tokens.expiresIn,
    userId: user.id,
    email: user.email,
    nickname: user.nickname,
    role: user.role,
  };
}
