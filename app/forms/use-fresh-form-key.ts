// Keys for forms that add things (a room, a take-away, a reply): the key of
// the form that was sent changes after it succeeded (the action redirected,
// so there is no action data), which remounts that form empty. After a
// refusal nothing changes and the form keeps what the person typed. Other
// forms on the page keep their half-typed text either way.
import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** Which form a submission came from: its intent, and for replies the thread. */
export const formIdOf = (formData: FormData) => [formData.get("intent"), formData.get("parentId")].filter((v) => typeof v === "string" && v).join(":");

/** Returns `keyFor(formId)`; give each adding form `key={keyFor(its id)}`, the id matching formIdOf of what it sends. */
export function useFreshFormKey(): (formId: string) => string {
  const navigation = useNavigation();
  const actionData = useActionData();
  const [sent, setSent] = useState<Record<string, number>>({});
  const submitted = useRef<string | null>(null);
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData) submitted.current = formIdOf(navigation.formData);
    if (navigation.state === "idle" && submitted.current !== null) {
      const formId = submitted.current;
      submitted.current = null;
      if (actionData === undefined) setSent((counts) => ({ ...counts, [formId]: (counts[formId] ?? 0) + 1 }));
    }
  }, [navigation.state, navigation.formData, actionData]);
  return (formId) => `${formId}#${sent[formId] ?? 0}`;
}
