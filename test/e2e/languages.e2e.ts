// Choosing a language in a real browser: the page turns Japanese as soon as
// the choice is saved, without reloading the document, and back again.
import { expectVisible, signIn, useBrowser, visit } from "./support/browser";

const e2e = useBrowser();

test("a person switches to Japanese and back on their profile, and the page follows without a reload", async () => {
  const page = await e2e.newPage();
  // A demo account no other browser test uses, so its language changes nothing elsewhere.
  await signIn(page, "leader3@demo.test");
  await visit(page, "/profile");
  expect(await page.getAttribute("html", "lang")).toBe("en");
  // Survives client-side navigation only: a reload of the document would drop it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await page.getByLabel("Language of Roundtable").selectOption("ja");
  await page.getByRole("button", { name: "Save language" }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: "プロフィール" }));
  await expectVisible(page.getByRole("status").filter({ hasText: "言語を保存しました。" }));
  await expectVisible(page.getByRole("navigation", { name: "メイン" }).getByRole("link", { name: "モジュール" }));
  expect(await page.getAttribute("html", "lang")).toBe("ja");
  expect(await page.title()).toBe("プロフィール · Roundtable");
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // Other pages follow, with dates in Japanese order.
  await page.getByRole("navigation", { name: "メイン" }).getByRole("link", { name: "モジュール" }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: "モジュール" }));

  await visit(page, "/profile");
  await page.getByLabel("Roundtable の表示言語").selectOption("");
  await page.getByRole("button", { name: "言語を保存" }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: "Your profile" }));
  expect(await page.getAttribute("html", "lang")).toBe("en");
});
