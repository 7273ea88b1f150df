// A person's private calendar feed: a secret address that calendar apps
// fetch without signing in. Only the token's hash is stored, so the address
// is shown once, when it is made; resetting it makes the old one stop at once.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import type { Role } from "../../../db/roles";
import { calendarFeeds, organisations, users } from "../../../db/schema";
import { generateSecretToken, hashSecretToken, isWellFormedSecretToken } from "../accounts/secret-token.server";
import { NotFoundError } from "../http-errors";
import { chooseLanguage, type Language } from "../i18n/languages";
import type { Actor } from "../policy";
import { buildCalendar, type IcsEvent } from "./ics";
import { groupMeetingEvents } from "../groups/meetings/group-meeting-events.server";
import { goingReunionEvents } from "./reunion-events.server";

type FeedOptions = { origin: string; now: Date; language?: Language };

export const FEED_REFRESH_MINUTES = 60;

export function calendarFeedUrl(origin: string, token: string) {
  return `${origin}/calendar/${token}.ics`;
}

/** When the person's current address was made, or null if they have none. */
export async function calendarFeedStatus(db: Database, actor: Actor) {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, actor.id));
  return { createdAt: row?.createdAt ?? null };
}

/**
 * Makes the person's feed address, or replaces it (a reset): the old token's
 * hash is overwritten in the same statement, so it stops working at once.
 * The token is returned only here; it cannot be read back later.
 */
export async function issueCalendarFeed(db: Database, actor: Actor, options: FeedOptions) {
  const token = generateSecretToken();
  const tokenHash = hashSecretToken(token);
  await db
    .insert(calendarFeeds)
    .values({ userId: actor.id, tokenHash, createdAt: options.now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: options.now } });
  return { url: calendarFeedUrl(options.origin, token), createdAt: options.now };
}

/**
 * The feed's owner, found by the token's hash: the lookup compares hashes,
 * never the token itself, so its timing says nothing about a valid token.
 */
async function findFeedOwner(db: Database, token: string): Promise<(Actor & { language: Language }) | null> {
  if (!isWellFormedSecretToken(token)) return null;
  const [row] = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      roles: sql<Role[]>`array(select ur.role::text from user_roles ur where ur.user_id = ${users.id} order by 1)`,
      language: users.language,
      orgLanguage: organisations.defaultLanguage,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(calendarFeeds.tokenHash, hashSecretToken(token)));
  // A calendar app sends no session and no useful Accept-Language: the owner's language.
  return row ? { id: row.id, orgId: row.orgId, roles: row.roles, language: chooseLanguage({ person: row.language, organisation: row.orgLanguage }) } : null;
}

/**
 * Everything in a person's feed. The one place to add more kinds of event:
 * the reunions they go to, and their peer groups' meetings they have not
 * declined.
 */
export async function feedEvents(db: Database, person: Actor, options: FeedOptions): Promise<IcsEvent[]> {
  const reunionEvents = await goingReunionEvents(db, person, options);
  const meetingEvents = await groupMeetingEvents(db, person, options);
  return [...reunionEvents, ...meetingEvents].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The feed file for a token; an unknown or reset token is a 404. */
export async function calendarFeedFile(db: Database, token: string, options: FeedOptions) {
  const person = await findFeedOwner(db, token);
  if (!person) throw new NotFoundError("calendar:feed.gone");
  const events = await feedEvents(db, person, { ...options, language: person.language });
  return buildCalendar({ events, now: options.now, name: "Roundtable", refreshMinutes: FEED_REFRESH_MINUTES });
}
