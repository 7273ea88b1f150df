// Closing a Redis connection without waiting on a Redis that is down.
import type { Redis } from "ioredis";

/** QUIT when connected (what was sent is answered first); otherwise drop the connection at once. */
export async function closeRedis(client: Redis) {
  if (client.status === "ready") await client.quit().catch(() => client.disconnect());
  else client.disconnect();
}
