// A module's address: its title in lower-case words, or a given base such as
// "the-original-ja" for a translation, made unique with a number.
import { eq, like, or } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { modules } from "../../../db/schema";
import { slugify } from "../admin/organisations.server";

/** The slug's base for a title ("module" when the title has no Latin letters or digits, as a Japanese one). */
export const slugBase = (title: string) => slugify(title).replace(/-+$/, "") || "module";

/** A free slug from this base: "base", else "base-2", "base-3", … */
export async function freeModuleSlug(db: Database, base: string) {
  const taken = new Set(
    (await db.select({ slug: modules.slug }).from(modules).where(or(eq(modules.slug, base), like(modules.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
