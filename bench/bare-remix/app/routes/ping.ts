// The same answer as the app's /ping (app/routes/ping.ts).
export async function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
