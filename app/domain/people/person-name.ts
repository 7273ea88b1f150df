// A person as a page names them. An erased account keeps its row behind
// shared work under a fixed stored name (db/former-member.ts), and a row can
// be missing altogether (null); both read as "Former member" in the reader's
// language, through one catalogue key. Pure: loaders, components and the
// message translators share it.
import { FORMER_MEMBER } from "../../../db/former-member";

export const FORMER_MEMBER_KEY = "common:formerMember";

type Translate = (key: string) => string;

/** A stored name that stands for nobody we may name: the erased account's, or none at all. */
export function isFormerMember(name: string | null | undefined): name is typeof FORMER_MEMBER | null | undefined {
  return name === null || name === undefined || name === FORMER_MEMBER;
}

/** The name to show for a stored one: a former member in the reader's words, else the name as stored. */
export function personName(name: string | null | undefined, t: Translate): string {
  return isFormerMember(name) ? t(FORMER_MEMBER_KEY) : name;
}

/**
 * Text written for a reader before someone in it was erased (a notice, an
 * audit label): the erasure put the stored name in their place, which reads
 * in the reader's language here.
 */
export function nameFormerMembers(text: string, t: Translate): string {
  return text.includes(FORMER_MEMBER) ? text.split(FORMER_MEMBER).join(t(FORMER_MEMBER_KEY)) : text;
}

/** A message's values as the reader sees them: a value that is the erased account's name reads in the reader's words. */
export function nameFormerMembersIn<V>(values: Record<string, V>, t: Translate): Record<string, V | string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "string" && isFormerMember(value) ? t(FORMER_MEMBER_KEY) : value]));
}
