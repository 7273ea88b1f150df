// Topic tags, as mentoring offers and requests show them; the ones shared
// with what the reader is looking for are marked.
export function TopicTags({ topics, shared = [] }: { topics: readonly string[]; shared?: readonly string[] }) {
  if (topics.length === 0) return null;
  return (
    <p>
      {topics.map((t) => (
        <span key={t} className="tag">
          {shared.includes(t) ? `${t} (shared)` : t}
        </span>
      ))}
    </p>
  );
}
