// One logger: JSON lines on stdout/stderr, so a request id can be grepped.
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", msg: string, fields?: Fields) {
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === "info" ? process.stdout : process.stderr).write(line + "\n");
}

export type Logger = {
  info: (msg: string, fields?: Fields) => void;
  warn: (msg: string, fields?: Fields) => void;
  error: (msg: string, fields?: Fields) => void;
};

export const log: Logger = {
  info: (msg, fields) => write("info", msg, fields),
  warn: (msg, fields) => write("warn", msg, fields),
  error: (msg, fields) => write("error", msg, fields),
};

export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * An error as log fields. Never throws: reading `stack` formats it on first
 * use through Error.prepareStackTrace, which a source-map hook can make throw
 * (vitest's did in CI, "Maximum call stack size exceeded"), and a log line
 * must not turn an error someone is handling into a different one.
 */
export function errorFields(error: unknown): Fields {
  if (!(error instanceof Error)) return { error: String(error) };
  let stack: string | undefined;
  try {
    stack = error.stack;
  } catch (failure) {
    stack = `(the stack could not be formatted: ${failure instanceof Error ? failure.message : String(failure)})`;
  }
  return { error: error.message, stack };
}
