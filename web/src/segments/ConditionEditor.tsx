// Controls for one hasOrder condition: every condition the API supports; article
// attributes offer the register's values as suggestions.
import { type LineItemListField, lineItemListFields, orderStatuses, orderTypes } from '../api/types.ts';
import type { ConditionDraft } from './model.ts';
import { readNumber } from './numbers.ts';
import { ValuePicker } from './ValuePicker.tsx';
import './segments.css';

const lineLabels: Record<LineItemListField, string> = {
  sku: 'SKU',
  brand: 'Brand',
  mainCategory: 'Main category',
  productCategory: 'Product category',
  color: 'Color',
  size: 'Size',
  season: 'Season',
  gender: 'Gender',
};

function toggle<T>(values: T[], value: T, on: boolean): T[] {
  return on ? [...values, value] : values.filter((v) => v !== value);
}

export function ConditionEditor({
  draft,
  index,
  onChange,
  onRemove,
}: {
  draft: ConditionDraft;
  index: number;
  onChange: (d: ConditionDraft) => void;
  onRemove?: () => void;
}) {
  const id = (name: string) => `c${draft.key}-${name}`;
  const set = <K extends keyof ConditionDraft>(key: K, value: ConditionDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (key: 'channel' | 'store' | 'withinDays' | 'min' | 'max' | 'from' | 'to', label: string, type = 'text', hint?: string) => {
    // Numbers are typed as text: a browser's number field empties what it cannot read ("1,000"), silently.
    const numeric = type === 'number';
    const problem = numeric ? readNumber(draft[key]).problem : undefined;
    return (
      <div className="field">
        <label htmlFor={id(key)}>{label}</label>
        <input
          id={id(key)}
          type={numeric ? 'text' : type}
          inputMode={numeric ? 'decimal' : undefined}
          value={draft[key]}
          placeholder={hint}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? id(`${key}-problem`) : undefined}
          onChange={(e) => set(key, e.target.value)}
        />
        {problem ? (
          <span className="field-problem" id={id(`${key}-problem`)} role="alert">
            {problem}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <fieldset className="card condition">
      <legend>Order condition {index + 1}</legend>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={draft.exclude} onChange={(e) => set('exclude', e.target.checked)} /> Exclude contacts with such an order (not)
        </label>
        {onRemove ? (
          <button type="button" className="secondary" onClick={onRemove}>
            Remove condition {index + 1}
          </button>
        ) : null}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={id('ongoing')}>Ongoing</label>
          <select id={id('ongoing')} value={draft.ongoing} onChange={(e) => set('ongoing', e.target.value as ConditionDraft['ongoing'])}>
            <option value="">Any</option>
            <option value="yes">Ongoing (Received, InProgress)</option>
            <option value="no">Not ongoing</option>
          </select>
        </div>
        <fieldset className="checks">
          <legend>Status</legend>
          {orderStatuses.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={draft.status.includes(s)} onChange={(e) => set('status', toggle(draft.status, s, e.target.checked))} /> {s}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>Order type</legend>
          {orderTypes.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked={draft.orderType.includes(t)} onChange={(e) => set('orderType', toggle(draft.orderType, t, e.target.checked))} />{' '}
              {t}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="row">
        {text('channel', 'Channels (comma-separated)', 'text', 'Ecom, Store')}
        {text('store', 'Store ids (comma-separated)', 'text', 'WEB-SE')}
        {text('from', 'Created from', 'date')}
        {text('to', 'Created to', 'date')}
        {text('withinDays', 'Created within days', 'number')}
        {text('min', 'Total price min', 'number')}
        {text('max', 'Total price max', 'number')}
      </div>
      <fieldset className="line">
        <legend>With a line item (values comma-separated; article values match in any letter case)</legend>
        <div className="row">
          <div className="field">
            <label htmlFor={id('lineType')}>Line type</label>
            <select id={id('lineType')} value={draft.lineType} onChange={(e) => set('lineType', e.target.value as ConditionDraft['lineType'])}>
              <option value="">Any</option>
              <option>Purchase</option>
              <option>Return</option>
            </select>
          </div>
          {lineItemListFields.map((field) =>
            field === 'sku' ? (
              <div className="field" key={field}>
                <label htmlFor={id(field)}>{lineLabels[field]}</label>
                <input id={id(field)} value={draft.line[field]} onChange={(e) => set('line', { ...draft.line, [field]: e.target.value })} />
              </div>
            ) : (
              // Article attributes: suggestions from the article register; any letter case matches.
              <ValuePicker
                key={field}
                id={id(field)}
                label={lineLabels[field]}
                attribute={field}
                value={draft.line[field]}
                onChange={(v) => set('line', { ...draft.line, [field]: v })}
              />
            ),
          )}
        </div>
      </fieldset>
    </fieldset>
  );
}
