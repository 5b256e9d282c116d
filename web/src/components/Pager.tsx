import { fmt } from '../api.ts';

/** Previous / next over a paged list, announcing the range shown. */
export function Pager({ total, limit, offset, onChange, label }: { total: number; limit: number; offset: number; onChange: (offset: number) => void; label: string }) {
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>Previous</button>
      <span aria-live="polite">{total ? `${fmt(offset + 1)}–${fmt(last)} of ${fmt(total)}` : 'none'}</span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>Next</button>
    </nav>
  );
}
