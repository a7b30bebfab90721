import type { UserRole, UserStatus } from '@chat/contracts';

/** A row of users.users. */
export interface UserRow {
  id: number;
  email: string;
  nickname: string;
  status: UserStatus;
  role: UserRole;
  profile_image_url: string | null;
  status_message: string | null;
  created_at: Date;
  updated_at: Date;
  last_seen_at: Date | null;
}
