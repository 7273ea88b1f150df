// Loading an open-space reunion the way every open-space use-case starts:
// scoped to the caller like any reunion, and a 404 for a classic reunion,
// which has no board.
import type { Database } from "../../../db/database";
import { NotFoundError } from "../http-errors";
import type { Actor } from "../policy";
import { occasionKind } from "../reunions/occasion-words";
import { findVisibleReunion } from "../reunions/visible-reunions.server";

export async function findOpenSpace(db: Database, actor: Actor, reunionId: string) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (reunion.format !== "open_space") throw new NotFoundError(`reunions:errors.notOpenSpace.${occasionKind(reunion)}`);
  return reunion;
}

export type OpenSpaceReunion = Awaited<ReturnType<typeof findOpenSpace>>;
