// The signed-in key lives in sessionStorage only: it is gone when the tab closes.
import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client.ts';
import type { KeyInfo } from './api/types.ts';

const storageKey = 'engage-orders.apikey';

export const storedKey = (): string | null => sessionStorage.getItem(storageKey);
export const storeKey = (key: string): void => sessionStorage.setItem(storageKey, key);
export const forgetKey = (): void => sessionStorage.removeItem(storageKey);

export interface Session {
  api: ApiClient;
  key: KeyInfo;
  /** write and admin keys may change things; read keys never see edit controls. */
  canWrite: boolean;
  isAdmin: boolean;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
