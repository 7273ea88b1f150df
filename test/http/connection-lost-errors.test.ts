// Which errors count as "the database connection went away" (and so may be
// read again), and the read loop's limits: a cut read runs again at most once
// per delay, anything else is thrown at once and never repeated.
import { errorCodes, isConnectionLost, retryOnConnectionLoss } from "../../db/connection-lost";

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
// drizzle wraps the driver's error as `cause`.
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

test.each([
  ["57P01", "pg_terminate_backend"],
  ["57P02", "a crashed server"],
  ["57P03", "a server still starting"],
  ["08006", "a connection failure"],
  ["CONNECTION_CLOSED", "postgres.js: closed"],
  ["CONNECTION_ENDED", "postgres.js: ended"],
  ["ECONNRESET", "the socket reset"],
  ["EPIPE", "a write to a closed socket"],
  ["ERR_STREAM_DESTROYED", "a write to a destroyed stream"],
])("%s (%s) is a lost connection, bare or wrapped by drizzle", (code) => {
  expect(isConnectionLost(withCode(code))).toBe(true);
  expect(isConnectionLost(wrapped(withCode(code)))).toBe(true);
  expect(errorCodes(wrapped(withCode(code)))).toEqual([code]);
});

test.each([
  ["23505", "a unique violation"],
  ["22P02", "an invalid value"],
  ["57014", "a query cancelled by statement_timeout"],
  ["40001", "a serialisation failure"],
])("%s (%s) is not a lost connection", (code) => {
  expect(isConnectionLost(wrapped(withCode(code)))).toBe(false);
});

test("an error without a code, or not an error at all, is not a lost connection", () => {
  expect(isConnectionLost(new Error("Connection went away"))).toBe(false);
  expect(isConnectionLost("ECONNRESET")).toBe(false);
  expect(isConnectionLost(null)).toBe(false);
});

test("a read cut on every try runs once per delay and then throws the last error", async () => {
  let tries = 0;
  const retries: number[] = [];
  const read = async () => {
    tries++;
    throw wrapped(withCode("57P01", `cut ${tries}`));
  };
  await expect(retryOnConnectionLoss(read, (attempt) => retries.push(attempt), [1, 1])).rejects.toThrow("Failed query");
  expect(tries).toBe(3);
  expect(retries).toEqual([1, 2]);
});

test("a read cut once answers from its second try", async () => {
  let tries = 0;
  const value = await retryOnConnectionLoss(async () => (++tries === 1 ? Promise.reject(withCode("ECONNRESET")) : "page"), undefined, [1, 1]);
  expect(value).toBe("page");
  expect(tries).toBe(2);
});

test("any other error is thrown at once and the read is not repeated", async () => {
  let tries = 0;
  await expect(
    retryOnConnectionLoss(async () => {
      tries++;
      throw wrapped(withCode("23505"));
    }, undefined, [1, 1]),
  ).rejects.toThrow("Failed query");
  expect(tries).toBe(1);
});
