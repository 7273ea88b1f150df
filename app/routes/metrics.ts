// Prometheus metrics of this process's collaboration server, for platform admins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePlatformAdmin } from "~/require-user.server";

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePlatformAdmin(context, request);
  return new Response(context.services.metrics.toPrometheus(), {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}
