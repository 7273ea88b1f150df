// Topic tags, as mentoring offers and requests show them; the ones shared
// with what the reader is looking for are marked.
import { useTranslation } from "react-i18next";

export function TopicTags({ topics, shared = [] }: { topics: readonly string[]; shared?: readonly string[] }) {
  const { t } = useTranslation("mentoring");
  if (topics.length === 0) return null;
  return (
    <p>
      {topics.map((topic) => (
        <span key={topic} className="tag">
          {shared.includes(topic) ? t("topicShared", { topic }) : topic}
        </span>
      ))}
    </p>
  );
}
