// Logging an error never throws, even when its stack cannot be formatted
// (a source-map hook whose Error.prepareStackTrace throws, as vitest's did in CI).
import { errorFields } from "../../server/log";

test("an error whose stack cannot be formatted is logged with its message and why the stack is missing", () => {
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = () => {
    throw new RangeError("Maximum call stack size exceeded");
  };
  try {
    const fields = errorFields(new Error("terminating connection due to administrator command"));
    expect(fields.error).toBe("terminating connection due to administrator command");
    expect(fields.stack).toBe("(the stack could not be formatted: Maximum call stack size exceeded)");
  } finally {
    Error.prepareStackTrace = original;
  }
});

test("an ordinary error keeps its stack; anything else is logged as text", () => {
  expect(String(errorFields(new Error("boom")).stack)).toMatch(/^Error: boom\n\s+at /);
  expect(errorFields("plain")).toEqual({ error: "plain" });
});
