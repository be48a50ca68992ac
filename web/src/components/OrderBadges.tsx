// An order's status and type as coloured badges (colour is never the only cue: the word is shown).
import { Badge } from './ui.tsx';

const statusTone: Record<string, string> = { Received: 'info', InProgress: 'warning', Completed: 'ok', Cancelled: 'error' };
const typeTone: Record<string, string> = { Purchase: 'purchase', Return: 'return', Mixed: 'mixed' };

export const StatusBadge = ({ status }: { status: string }) => <Badge tone={statusTone[status]}>{status}</Badge>;
export const TypeBadge = ({ type }: { type: string }) => <Badge tone={typeTone[type]}>{type}</Badge>;
