// Months as insights count them: a period is the first day of its month,
// written "2026-03-01". Pure, so the page and the tests share it.

const MONTH = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** "2026-03" or "2026-03-01" → "2026-03-01"; anything else (another day, month 13) → null. */
export function parsePeriod(text: string): string | null {
  const m = MONTH.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] !== undefined && m[3] !== "01") return null;
  return `${m[1]}-${m[2]}-01`;
}

/** The period `n` months after `period` (n may be negative). */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** Every period from `from` to `to`, both included. */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** The month `at` falls in, in UTC. */
export function periodOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03-01" → "Mar 2026" in English, "2026年3月" in Japanese. */
export function periodLabel(period: string, language: "en" | "ja" = "en"): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return language === "ja" ? `${y}年${m}月` : `${MONTH_NAMES[m - 1]} ${y}`;
}
