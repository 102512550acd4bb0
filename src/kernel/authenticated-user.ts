import type { UserRole } from './user-role';

/** Who is calling, as the JWT guard puts it on the request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: UserRole;
}
