// Who is signed in: the /api/auth/me answer, shared with every page.
import type { Me } from "@bevan/client";
import { createContext, useContext } from "react";

export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error("useMe outside a signed-in session");
  return me;
}

export const can = (me: Me, permission: string): boolean => me.role.permissions.includes(permission);
