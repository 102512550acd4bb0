import type { UserRole } from '../users/entities/user.entity';

/** Who is calling, as the JWT guard puts it on the request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: UserRole;
}
