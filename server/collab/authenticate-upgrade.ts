// Authentication on upgrade, before any websocket exists: the Origin must be
// the portal's own, the session cookie is checked by the same function the
// Remix loaders use, and the shared policy decides edit, view or nothing
// (through the document kind the name belongs to: a module draft, break-out
// notes). Upgrades that arrive together are checked together (one session
// query and one access check for the batch), so the hundreds of sockets that
// reconnect at once after a restart cost a handful of queries, not two each.
import type { IncomingMessage } from "node:http";
import { authenticateCookieHeaders } from "../../app/domain/accounts/authenticate-request.server";
import { accessToCollabDocuments } from "../../app/domain/collab/document-kinds.server";
import { requestLanguage } from "../../app/domain/i18n/request-language";
import type { DraftAccess } from "../../app/domain/policy";
import type { Services } from "../services";
import { BatchPerTurn } from "./batch-per-turn";
import type { ConnectionIdentity } from "./connection";
import { upgradeRefusal } from "./refusal-messages";

export const COLLAB_PATH_PREFIX = "/collab/";

/** Upgrades checked in one batch at most; the rest wait for the next. */
const MAX_BATCH = 500;

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

type Asked = { documentName: string; cookie: string | undefined; acceptLanguage: string | undefined };

export class UpgradeAuthorizer {
  private readonly batches: BatchPerTurn<Asked, UpgradeDecision>;

  constructor(private readonly services: Pick<Services, "db" | "config">) {
    this.batches = new BatchPerTurn((asked) => this.check(asked), MAX_BATCH);
  }

  /** Rejects when the database cannot answer. */
  authorize(req: IncomingMessage): Promise<UpgradeDecision> {
    const acceptLanguage = req.headers["accept-language"];
    const anonymous = requestLanguage({ status: "anonymous" }, acceptLanguage);
    const documentName = documentNameFromPath(req.url);
    if (!documentName) return Promise.resolve({ ok: false, status: 404, message: upgradeRefusal(anonymous, "notFound") });
    if (req.headers.origin !== this.services.config.publicOrigin) {
      return Promise.resolve({ ok: false, status: 403, message: upgradeRefusal(anonymous, "otherSite") });
    }
    return this.batches.run({ documentName, cookie: req.headers.cookie, acceptLanguage });
  }

  private async check(batch: Asked[]): Promise<UpgradeDecision[]> {
    const { db, config } = this.services;
    const auths = await authenticateCookieHeaders(db, config, batch.map((a) => a.cookie));
    const pairs = batch.flatMap((a, i) => {
      const auth = auths[i]!;
      return auth.status === "signed-in" ? [{ userId: auth.user.id, documentName: a.documentName }] : [];
    });
    const access = pairs.length ? await accessToCollabDocuments(db, pairs) : new Map<string, DraftAccess>();
    return batch.map((a, i): UpgradeDecision => {
      const auth = auths[i]!;
      const language = requestLanguage(auth, a.acceptLanguage);
      if (auth.status !== "signed-in") return { ok: false, status: 401, message: upgradeRefusal(language, "signIn") };
      const may = access.get(`${auth.user.id} ${a.documentName}`) ?? "none";
      // No access and no such document look the same, as everywhere in the portal.
      if (may === "none") return { ok: false, status: 404, message: upgradeRefusal(language, "notFound") };
      return {
        ok: true,
        identity: {
          userId: auth.user.id,
          name: auth.user.name,
          sessionId: auth.session.id,
          sessionExpiresAt: auth.session.expiresAt.getTime(),
          documentName: a.documentName,
          access: may,
          language,
        },
      };
    });
  }
}
