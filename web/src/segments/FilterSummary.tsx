// A saved or drafted filter in words: one sentence for a single condition, a
// (nested) list for groups, so that a marketer never has to read filter JSON.
import { type Summary, groupHeading, summarize } from './summary.ts';

function Group({ summary }: { summary: Summary }) {
  if (summary.kind === 'condition') return <>{summary.text}</>;
  return (
    <>
      {groupHeading(summary.kind).replace(/^Contacts who /, '')}
      <Parts parts={summary.parts} />
    </>
  );
}

function Parts({ parts }: { parts: Summary[] }) {
  return (
    <ul>
      {parts.map((part, i) => (
        <li key={i}>
          <Group summary={part} />
        </li>
      ))}
    </ul>
  );
}

export function FilterSummary({ filter }: { filter: unknown }) {
  const summary = summarize(filter);
  return (
    <div className="filter-summary" data-testid="filter-summary">
      {summary.kind === 'condition' ? (
        <p>Contacts who {summary.text}.</p>
      ) : (
        <>
          <p>{groupHeading(summary.kind)}</p>
          <Parts parts={summary.parts} />
        </>
      )}
    </div>
  );
}
