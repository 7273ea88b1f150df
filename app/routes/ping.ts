// The lightest page on the server: no database, no rendering. Benchmarks use
// it as the ceiling of the whole stack (guards, session, Remix).
export async function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
