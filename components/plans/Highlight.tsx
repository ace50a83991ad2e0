/** The text with every occurrence of `query` marked. */
export function Highlight({ text, query }: { text: string; query?: string }) {
  if (!query) return <>{text}</>;
  const parts = text.split(query);
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 ? <mark className="rounded bg-amber-200 px-0.5 text-slate-900">{query}</mark> : null}
        </span>
      ))}
    </>
  );
}

/** A window of the text around the first occurrence of `query`, for search results. */
export function excerpt(text: string, query: string, radius = 40): string | null {
  const index = text.indexOf(query);
  if (index < 0) return null;
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + query.length + radius);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}
