// Reading the POST forms of a page as a browser would send them, so tests
// that post every form of the portal (control characters, the fuzzer, the
// CSRF probe) find new forms without listing them.
import { decodeEntities, formBody } from "./http-helpers";
import { uniqueWord } from "./factories";
import type { TestServer } from "./test-server";

export type Visit = { who: string; cookie?: string; path: string };
export type Field = { name: string; value: string; kind: string };
export type FormVariant = { page: string; who: string; cookie?: string; action: string; fields: Field[] };

export const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>]|$)`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? "") : null;
};

/** A value a person could type into this field, so that the rest of the form passes and the probe reaches the work. */
export function plausible(kind: string, name: string, n: number) {
  if (kind === "email") return `fuzz-${n}-${uniqueWord()}@example.test`;
  if (/capacity|count|quorum|min|months|cap$|window|places/i.test(name)) return "3";
  if (kind === "password") return "a long enough password";
  if (kind === "number") return "3";
  if (kind === "date") return daysAhead(5);
  if (kind === "time") return /end/i.test(name) ? "16:00" : "14:00";
  if (kind === "datetime-local") return `${daysAhead(3)}T09:00`;
  if (kind === "url") return "https://meet.example.test/room";
  if (/emails$|^repeat/i.test(name)) return "";
  if (name === "csv") return `email,name\nfuzz-${n}-${uniqueWord()}@example.test,Fuzz Person`;
  if (kind === "textarea") return `Some words for ${name}, written by a manager.`;
  return `Words ${uniqueWord()}`;
}

/** Every way each POST form of the page can be sent: one per submit button. */
export function formsOf(html: string, visit: Visit): FormVariant[] {
  const variants: FormVariant[] = [];
  let n = 0;
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(open!, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open!, "action") || visit.path;
    if (action.startsWith("/logout")) continue;
    const fields: Field[] = [];
    const radios = new Set<string>();
    for (const [tag] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(tag, "name");
      const kind = (attr(tag, "type") ?? "text").toLowerCase();
      if (!name || kind === "submit" || kind === "button" || kind === "file") continue;
      const value = attr(tag, "value");
      if (kind === "checkbox") {
        // Ticked as shown, and the first of a list nobody ticked yet (whom to invite, which mindsets).
        const ticked = attr(tag, "checked") !== null || (!fields.some((f) => f.name === name) && !inner!.includes(`name="${name}" checked`) && /Ids$|mindsets|topics|roles/.test(name));
        if (ticked) fields.push({ name, value: value ?? "on", kind });
      } else if (kind === "radio") {
        if (!radios.has(name) && (attr(tag, "checked") !== null || !inner!.includes(`name="${name}" checked`))) {
          radios.add(name);
          fields.push({ name, value: value ?? "on", kind });
        }
      } else {
        // Optional dates stay empty (a second poll option, a deadline); the first of each is filled.
        const fill = kind !== "hidden" && (attr(tag, "required") !== null || ["text", "search", "email", "url", "number"].includes(kind) || (["date", "time"].includes(kind) && !/^slot[2-9]|deadline|ends?On/i.test(name)));
        const filled = value || (fill ? plausible(kind, name, n++) : "");
        fields.push({ name, value: filled, kind });
      }
    }
    for (const [, open2, text] of inner!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(open2!, "name");
      if (name) fields.push({ name, value: decodeEntities(text!).trim() || plausible("textarea", name, n++), kind: "textarea" });
    }
    for (const [, open2, options] of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(open2!, "name");
      if (!name) continue;
      const all = [...options!.matchAll(/<option\b([^>]*)>/gi)].map(([, o]) => ({ value: attr(o!, "value") ?? "", selected: attr(o!, "selected") !== null }));
      const chosen = all.find((o) => o.selected && o.value !== "") ?? all.find((o) => o.value !== "") ?? all[0];
      if (chosen) fields.push({ name, value: chosen.value, kind: "select" });
    }
    const buttons = [...inner!.matchAll(/<button\b[^>]*>/gi)].map(([tag]) => tag).filter((tag) => (attr(tag, "type") ?? "submit") === "submit");
    const named = buttons.map((tag) => ({ name: attr(tag, "name"), value: attr(tag, "value") ?? "" })).filter((b): b is { name: string; value: string } => !!b.name);
    const base = { page: visit.path, who: visit.who, cookie: visit.cookie, action };
    if (named.length === 0) variants.push({ ...base, fields });
    for (const b of named) variants.push({ ...base, fields: [...fields, { name: b.name, value: b.value, kind: "button" }] });
  }
  return variants;
}

/** The forms of every visited page; a page that does not answer 200 fails the test that asked. */
export async function formsOfPages(server: TestServer, visits: Visit[], expectOk: (status: number, label: string) => void): Promise<FormVariant[]> {
  const variants: FormVariant[] = [];
  for (const visit of visits) {
    const res = await server.request(visit.path, { headers: visit.cookie ? { Cookie: visit.cookie } : {} });
    expectOk(res.status, `${visit.path} as ${visit.who}`);
    variants.push(...formsOf(await res.text(), visit));
  }
  return variants;
}

// Forms that end or take away what later forms are about go last.
const DESTRUCTIVE = /leave|cancel|end|remove|ban|delete|withdraw|decline|reject|archive|restore|hidden|dismiss|everywhere|reset|merge|approve|accept|role|pass|hand/i;
export const isDestructive = (v: FormVariant) => v.fields.some((f) => (f.kind === "button" || f.kind === "hidden") && f.name === "intent" && DESTRUCTIVE.test(f.value));
export const destructiveLast = (variants: FormVariant[]) => [...variants.filter((v) => !isDestructive(v)), ...variants.filter(isDestructive)];

/** POSTs the fields in order (a name may repeat), from our own origin unless `headers` says otherwise (an empty value leaves a header out). */
export function postFields(server: TestServer, path: string, fields: { name: string; value: string }[], cookie?: string, headers: Record<string, string> = {}) {
  const body = formBody({});
  for (const f of fields) body.append(f.name, f.value);
  const all: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: server.services.config.publicOrigin, ...(cookie ? { Cookie: cookie } : {}), ...headers };
  return server.request(path, { method: "POST", headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== "")), body });
}
