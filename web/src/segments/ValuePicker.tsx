// A text input for a comma-separated list of article attribute values that
// suggests values from the article register (a combobox): the suggestions follow
// what is typed after the last comma, any letter case; picking one completes
// that part. Free text stays allowed: a value not in the register is still a value.
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useSession } from '../session.ts';
import { type AttributeName, type AttributeValue, attributeValues } from './api.ts';
import { splitLast } from './entries.ts';

export function ValuePicker({
  id,
  label,
  attribute,
  value,
  onChange,
}: {
  id: string;
  label: string;
  attribute: AttributeName;
  value: string;
  onChange: (v: string) => void;
}) {
  const { api } = useSession();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<AttributeValue[]>([]);
  // The highlighted option by value, not position: a list that refreshes under the
  // keyboard (a slower answer arriving) keeps it highlighted while it is still listed.
  const [activeValue, setActiveValue] = useState<string | null>(null);
  const active = options.findIndex((option) => option.value === activeValue);
  const { head, last } = splitLast(value);

  // Ask the register once typing pauses (150 ms); the latest question wins.
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      attributeValues(api, attribute, last).then(
        (items) => {
          if (!live) return;
          setOptions(items);
        },
        () => live && setOptions([]), // suggestions are a help: without them the field still works
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, attribute, last, open]);

  const choose = (option: AttributeValue) => {
    onChange(`${head}${option.value}`);
    setOpen(false);
    setActiveValue(null);
  };
  const shown = open && options.length > 0;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (options.length === 0) return;
      const next = active < 0 && step < 0 ? options.length - 1 : (active + step + options.length) % options.length;
      setActiveValue(options[next]!.value);
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      choose(options[active]!);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActiveValue(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" className="picker-options" hidden={!shown}>
        {options.map((option, i) => (
          <li
            key={option.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Chosen on mouse down, before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            <span className="value">{option.value}</span>{' '}
            <span className="muted">
              {option.articles} article{option.articles === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
