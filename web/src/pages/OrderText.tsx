// Values on the order page that must never wrap in the middle: amounts, dates, emails.
import { dateTime, money } from '../format.ts';

export const Amount = ({ value, currency }: { value: number | string | null | undefined; currency: string | undefined }) => (
  <span className="amount nowrap">{money(value, currency)}</span>
);
export const When = ({ value }: { value: string | null | undefined }) => <span className="when nowrap">{dateTime(value)}</span>;
/** Long addresses are cut with an ellipsis (the whole one in the tooltip) rather than broken. */
export const Email = ({ value }: { value: string }) => (
  <span className="email clip" title={value}>
    {value}
  </span>
);
