// A key for forms that add things (a room, a slot, a session): it changes
// after a submission that succeeded (the action redirected, so there is no
// action data), which remounts the form empty. After a refusal the key stays
// and the form keeps what the person typed.
import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export function useFreshFormKey(): number {
  const navigation = useNavigation();
  const actionData = useActionData();
  const [key, setKey] = useState(0);
  const submitted = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") submitted.current = true;
    if (navigation.state === "idle" && submitted.current) {
      submitted.current = false;
      if (actionData === undefined) setKey((k) => k + 1);
    }
  }, [navigation.state, actionData]);
  return key;
}
