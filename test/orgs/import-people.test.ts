// Importing people from a CSV file at /org/import, and the CSV reader itself.
import { messageIn } from "~/domain/i18n/translators";
import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { departments, invitations, outbox, sites } from "../../db/schema";
import { parseCsv } from "../../app/domain/orgs/parse-csv";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, formBody, mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const hex = () => crypto.randomBytes(4).toString("hex");

async function orgWithAdmin() {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Ivo Importer" });
  return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
}

/** Uploads the text as a CSV file, as the import form's file picker does. */
function uploadCsv(cookie: string, text: string) {
  const form = new FormData();
  form.set("file", new Blob([text], { type: "text/csv" }), "people.csv");
  form.set("csv", "");
  return server.request("/org/import", { method: "POST", headers: { Origin: server.services.config.publicOrigin, Cookie: cookie }, body: form });
}

/** Pastes the text into the import form's text area. */
function pasteCsv(cookie: string, text: string) {
  return server.request("/org/import", {
    method: "POST",
    headers: { Origin: server.services.config.publicOrigin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: formBody({ csv: text }),
  });
}

/** The rows of the "Rows that were not imported" table, as [line, problem]. */
function problemRows(html: string): [number, string][] {
  const table = /<table aria-label="Rows that were not imported">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr><td>(\d+)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [Number(m[1]), decodeEntities(m[2]!.replace(/<!-- -->/g, ""))]);
}

function textareaValue(html: string): string {
  return decodeEntities(/<textarea[^>]*name="csv"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? "");
}

describe("importing a CSV file", () => {
  test("valid rows become invitations, and every bad row is reported with its line and reason", async () => {
    const { org, admin, cookie } = await orgWithAdmin();
    const [finance] = await t.db.insert(departments).values({ orgId: org.id, name: "Finance" }).returning();
    const existing = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const d = `imp-${hex()}.test`;
    const csv = [
      "email,name,job_title,department,site,roles", // 1
      `ada@${d},"Okafor, Ada",Engineer,Operations,Rotterdam,alumnus`, // 2: a quoted comma
      "not-an-email,Bob Bad,,,,", // 3
      `noname@${d},,,,,`, // 4
      `wizard@${d},Will Wizard,,,,wizard`, // 5
      `ADA@${d},Ada Again,,,,`, // 6: the same email as line 2
      `${existing.email},Existing Person,,,,`, // 7
      `maya@${d},Maya Multi,"Senior`, // 8: a quoted value over two lines
      `Engineer",finance,,participant;facilitator`, // 9
      `bad@@${d},After The Multi-line Row,,,,`, // 10
      `quote@${d},"Said ""Hi"" Quinn",,New Dept,New Site,Thought leader`, // 11
      `boss@${d},Bea Boss,,,,platform_admin`, // 12
      "",
    ].join("\r\n");

    const res = await uploadCsv(cookie, csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = mainText(html);
    expect(text).toContain("Imported 3 people; 7 rows need attention.");
    expect(text).toContain("New departments: Operations, New Dept.");
    expect(text).toContain("New sites: Rotterdam, New Site.");

    const problems = problemRows(html);
    expect(problems.map(([line]) => line)).toEqual([3, 4, 5, 6, 7, 10, 12]);
    const reason = new Map(problems);
    expect(reason.get(3)).toBe("email: Enter an email address like name@company.com.");
    expect(reason.get(4)).toBe("name: Enter your name.");
    expect(reason.get(5)).toMatch(/^roles: "wizard" is not a role\. Use: participant, alumnus,/);
    expect(reason.get(6)).toBe(`email: ada@${d} appears earlier in the file.`);
    expect(reason.get(7)).toBe(`email: ${existing.email} already has a Roundtable account.`);
    expect(reason.get(10)).toBe("email: Enter an email address like name@company.com.");
    expect(reason.get(12)).toBe('roles: you cannot grant "Platform admin".');

    // The rejected rows come back in the text area, ready to fix and resend.
    const kept = textareaValue(html);
    expect(kept.split("\n")[0]).toBe("email,name,job_title,department,site,roles");
    expect(kept).toContain(`wizard@${d},Will Wizard,,,,wizard`);
    expect(kept).not.toContain(`maya@${d}`);

    const invited = await t.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(invited.map((i) => i.email).sort()).toEqual([`ada@${d}`, `maya@${d}`, `quote@${d}`]);
    const byEmail = new Map(invited.map((i) => [i.email, i]));

    const orgDepartments = await t.db.select().from(departments).where(eq(departments.orgId, org.id));
    const orgSites = await t.db.select().from(sites).where(eq(sites.orgId, org.id));
    expect(orgDepartments.map((x) => x.name).sort()).toEqual(["Finance", "New Dept", "Operations"]);
    expect(orgSites.map((x) => x.name).sort()).toEqual(["New Site", "Rotterdam"]);
    const departmentId = (name: string) => orgDepartments.find((x) => x.name === name)!.id;
    const siteId = (name: string) => orgSites.find((x) => x.name === name)!.id;

    expect(byEmail.get(`ada@${d}`)).toMatchObject({
      name: "Okafor, Ada",
      jobTitle: "Engineer",
      roles: ["alumnus"],
      departmentId: departmentId("Operations"),
      siteId: siteId("Rotterdam"),
      invitedBy: admin.id,
    });
    // An existing department is matched regardless of case, not created again.
    expect(byEmail.get(`maya@${d}`)).toMatchObject({ name: "Maya Multi", roles: ["participant", "facilitator"], departmentId: finance!.id, siteId: null });
    expect(byEmail.get(`maya@${d}`)!.jobTitle).toMatch(/^Senior\r?\nEngineer$/);
    expect(byEmail.get(`quote@${d}`)).toMatchObject({ name: 'Said "Hi" Quinn', roles: ["thought_leader"], departmentId: departmentId("New Dept"), siteId: siteId("New Site") });

    const mails = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, "invitation"), inArray(outbox.to, [`ada@${d}`, `maya@${d}`, `quote@${d}`, `wizard@${d}`, existing.email])));
    expect(mails.map((m) => m.to).sort()).toEqual([`ada@${d}`, `maya@${d}`, `quote@${d}`]);
    for (const mail of mails) expect(mail.text).toMatch(new RegExp(`${server.services.config.publicOrigin}/invitations/[a-z2-7]{32}`));
  });

  test("pasted rows are imported like an uploaded file", async () => {
    const { org, cookie } = await orgWithAdmin();
    const d = `paste-${hex()}.test`;
    const res = await pasteCsv(cookie, `name,email\nPat Paste,pat@${d}\n`);
    expect(res.status).toBe(200);
    expect(mainText(await res.text())).toContain("Imported 1 person; 0 rows need attention.");
    const [row] = await t.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(row).toMatchObject({ email: `pat@${d}`, name: "Pat Paste", roles: ["participant"] });
  });

  test("a quoted value that is never closed gets a clear message about the file, and nothing is imported", async () => {
    const { org, cookie } = await orgWithAdmin();
    const d = `unclosed-${hex()}.test`;
    const res = await uploadCsv(cookie, `email,name\r\nfine@${d},Fine Person\r\nbroken@${d},"Broken Person\r\nnext@${d},Next\r\n`);
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("A quoted value that starts on line 3 is never closed.");
    expect(await t.db.select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(0);
  });

  test("a file without the header line gets a clear message naming the missing columns", async () => {
    const { org, cookie } = await orgWithAdmin();
    const d = `noheader-${hex()}.test`;
    const res = await uploadCsv(cookie, `ann@${d},Ann Example\r\nben@${d},Ben Example\r\n`);
    expect(res.status).toBe(400);
    const text = mainText(await res.text());
    expect(text).toContain('The first line must name the columns; "email" and "name" are missing.');
    expect(text).toContain("Expected: email,name,job_title,department,site,roles.");
    expect(await t.db.select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(0);
  });

  test("an empty submission asks for a file", async () => {
    const { cookie } = await orgWithAdmin();
    const res = await pasteCsv(cookie, "  \n");
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("Choose a CSV file or paste its contents.");
  });

  test("someone who is not an organisation admin cannot import", async () => {
    const { org } = await orgWithAdmin();
    const member = await createUser(t.db, { orgId: org.id, roles: ["facilitator"] });
    const res = await pasteCsv(await sessionCookieFor(t.db, member.id), `email,name\nsneaky-${hex()}@example.test,Sneaky\n`);
    expect(res.status).toBe(403);
    expect(await t.db.select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(0);
  });
});

describe("parseCsv", () => {
  test("splits simple lines into records numbered from 1", () => {
    expect(parseCsv("a,b,c\nd,e,f")).toEqual({
      records: [
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["d", "e", "f"] },
      ],
      error: null,
    });
  });

  test("keeps commas inside quotes and reads doubled quotes as one quote", () => {
    const { records, error } = parseCsv('"Okafor, Ada","She said ""hi""",""\n');
    expect(error).toBeNull();
    expect(records).toEqual([{ line: 1, fields: ["Okafor, Ada", 'She said "hi"', ""] }]);
  });

  test("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,c,\n").records).toEqual([{ line: 1, fields: ["a", "", "c", ""] }]);
  });

  test("reads CRLF, LF and lone CR line endings alike", () => {
    const expected = [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
    ];
    expect(parseCsv("a,b\r\nc,d\r\n").records).toEqual(expected);
    expect(parseCsv("a,b\nc,d\n").records).toEqual(expected);
    expect(parseCsv("a,b\rc,d").records).toEqual(expected);
  });

  test("skips blank lines but still counts them", () => {
    expect(parseCsv("a\n\n   \r\nb\n\n").records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
    ]);
  });

  test("a quoted value over several lines keeps its line breaks and the line it starts on", () => {
    const { records, error } = parseCsv('h1,h2\n"one\ntwo\r\nthree",x\nafter,y');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ["one\ntwo\r\nthree", "x"] },
      { line: 5, fields: ["after", "y"] },
    ]);
  });

  test("an unclosed quote is an error naming the line where it starts", () => {
    const result = parseCsv('a,b\nc,"d\ne,f\n');
    expect(messageIn("en", result.error!)).toBe("A quoted value that starts on line 2 is never closed.");
  });

  test("a byte order mark at the start is ignored", () => {
    expect(parseCsv("\uFEFFemail,name\n").records).toEqual([{ line: 1, fields: ["email", "name"] }]);
  });

  test("an empty text has no records", () => {
    expect(parseCsv("")).toEqual({ records: [], error: null });
    expect(parseCsv("\n\n")).toEqual({ records: [], error: null });
  });
});
