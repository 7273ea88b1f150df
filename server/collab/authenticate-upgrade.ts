// Authentication on upgrade, before any websocket exists: the Origin must be
// the portal's own, the session cookie is checked by the same function the
// Remix loaders use, and the shared policy decides edit, view or nothing
// (through the document kind the name belongs to: a module draft, break-out notes).
import type { IncomingMessage } from "node:http";
import { authenticateCookieHeader } from "../../app/domain/accounts/authenticate-request.server";
import { accessToCollabDocument } from "../../app/domain/collab/document-kinds.server";
import type { Services } from "../services";
import type { ConnectionIdentity } from "./connection";

export const COLLAB_PATH_PREFIX = "/collab/";

export type UpgradeDecision = { ok: true; identity: ConnectionIdentity } | { ok: false; status: number; message: string };

export function documentNameFromPath(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split("?")[0]!;
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return null;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
  } catch {
    return null;
  }
  return name.length > 0 && name.length <= 200 && !name.includes("/") ? name : null;
}

export async function authorizeUpgrade(services: Services, req: IncomingMessage): Promise<UpgradeDecision> {
  const documentName = documentNameFromPath(req.url);
  if (!documentName) return { ok: false, status: 404, message: "No such document." };
  if (req.headers.origin !== services.config.publicOrigin) {
    return { ok: false, status: 403, message: "Connections are only accepted from the portal's own pages." };
  }
  const auth = await authenticateCookieHeader(services.db, services.config, req.headers.cookie);
  if (auth.status !== "signed-in") return { ok: false, status: 401, message: "Please sign in again." };
  const access = await accessToCollabDocument(services.db, auth.user, documentName);
  // No access and no such document look the same, as everywhere in the portal.
  if (access === "none") return { ok: false, status: 404, message: "No such document." };
  return { ok: true, identity: { userId: auth.user.id, name: auth.user.name, sessionId: auth.session.id, documentName, access } };
}
