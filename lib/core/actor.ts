import type { Role } from "@/lib/core/permissions";

/** Who is acting: the signed-in user of this request, as every data-layer function receives it. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  sessionId: string | null;
  mustChangePassword: boolean;
  /** The client's address as the server saw it, for the audit trail. */
  ip: string | null;
}
