// Loading an open-space reunion the way every open-space use-case starts:
// scoped to the caller like any reunion, and a 404 for a classic reunion,
// which has no board.
import type { Database } from "../../../db/database";
import { NotFoundError } from "../http-errors";
import type { Actor } from "../policy";
import { occasionWords } from "../reunions/occasion-words";
import { findVisibleReunion } from "../reunions/visible-reunions.server";

export async function findOpenSpace(db: Database, actor: Actor, reunionId: string) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (reunion.format !== "open_space") throw new NotFoundError(`This ${occasionWords(reunion).noun} is not an open space, so it has no session board.`);
  return reunion;
}

export type OpenSpaceReunion = Awaited<ReturnType<typeof findOpenSpace>>;
