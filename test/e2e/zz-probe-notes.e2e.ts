import type { Locator, Page } from "playwright-core";
import { expectVisible, signIn, useBrowser, visit } from "./support/browser";
const e2e = useBrowser();
const notes = (page: Page) => page.getByRole("textbox", { name: "Break-out notes" });
const line = (page: Page, h: string) => notes(page).locator(`h2:text-is("${h}") + ul p`).first();
async function sel(page: Page) {
  return page.evaluate(() => { const s = window.getSelection(); const n = s?.anchorNode; return `${n?.nodeName} parent=${n?.parentElement?.outerHTML.slice(0, 80)} off=${s?.anchorOffset}`; });
}
test("probe", async () => {
  const [a, b] = [await e2e.newPage(), await e2e.newPage()];
  await signIn(a, "alumna@demo.test"); await signIn(b, "participant@demo.test");
  await visit(a, "/reunions");
  await a.getByRole("link", { name: "Lessons from our first year as leads" }).first().click();
  await a.waitForURL((u) => /^\/reunions\/[0-9a-f-]{36}$/.test(u.pathname));
  const boardPath = new URL(a.url()).pathname + "/open-space";
  await visit(a, boardPath);
  await a.getByLabel("Topic", { exact: true }).fill("Probe topic");
  await a.getByRole("button", { name: "Propose the session" }).click();
  const card = a.getByRole("article", { name: "Probe topic" });
  await expectVisible(card);
  await card.getByRole("link", { name: "Open the live notes" }).click();
  await a.waitForURL((u) => u.pathname.includes("/sessions/"));
  const p = new URL(a.url()).pathname;
  await visit(b, p);
  for (const pg of [a, b]) { await expectVisible(pg.getByTestId("connection-status").filter({ hasText: /^Live$/ })); await expectVisible(notes(pg)); }
  const typeAt = async (pg: Page, l: Locator, t: string) => { await l.click(); await pg.keyboard.press("End"); await pg.keyboard.type(t, { delay: 15 }); };
  await Promise.all([typeAt(a, line(a, "Key insights"), "Alpha words typed here by A."), typeAt(b, line(b, "Actions"), "Beta words typed here by B.")]);
  await a.waitForTimeout(800);
  console.log("A html", (await notes(a).innerHTML()).replace(/<span class="collab[^]*?<\/span><\/span>/g, "").slice(0, 600));
});
