// Small notices after an edit ("Status changed", or what went wrong), shown in one
// live region at the corner of the screen. A module-level list, so any page can call
// toast() without a provider; <Toaster /> is mounted once in the layout.
import { useEffect, useState } from 'react';

export type ToastTone = 'ok' | 'error';
interface ToastItem {
  id: number;
  tone: ToastTone;
  text: string;
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<(list: ToastItem[]) => void>();
const publish = () => listeners.forEach((listener) => listener(items));

/** Success notices leave by themselves; errors stay until closed, so none is missed. */
export function toast(text: string, tone: ToastTone = 'ok'): void {
  const id = nextId++;
  items = [...items, { id, tone, text }].slice(-4); // a burst of edits shows the latest few, not a wall
  publish();
  if (tone === 'ok') setTimeout(() => dismiss(id), 6000);
}

function dismiss(id: number): void {
  items = items.filter((item) => item.id !== id);
  publish();
}

export function Toaster() {
  const [list, setList] = useState(items);
  useEffect(() => {
    listeners.add(setList);
    return () => {
      listeners.delete(setList);
    };
  }, []);
  return (
    <div className="toasts" aria-live="polite">
      {list.map((item) => (
        <div key={item.id} className={`toast ${item.tone}`} role={item.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{item.text}</span>
          <button type="button" className="link" aria-label="Close notice" onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
