// The export's format: a README naming every file with its row count and
// what it holds, and JSON that keeps times and bytes readable on both drivers.
import { strFromU8, unzipSync } from "fflate";
import { readme, toJson, zipExport } from "../../app/domain/personal-data/zip-export";

const heading = { title: "Your data in Roundtable", preparedFor: "Ada <ada@example.test>", preparedAt: new Date("2027-01-02T03:04:05Z") };

test("the README lists each file with its rows and what it holds", () => {
  const text = readme(heading, [
    { name: "users.json", about: "Your account and profile.", rows: [{ id: 1 }] },
    { name: "takeaways.json", about: "Your take-aways.", rows: [] },
  ]);
  expect(text).toContain("Prepared 2027-01-02 03:04 UTC for Ada <ada@example.test>.");
  expect(text).toMatch(/users\.json\s+1 row\s+Your account and profile\./);
  expect(text).toMatch(/takeaways\.json\s+0 rows\s+Your take-aways\./);
});

test("times are ISO 8601 and bytes base64, whether the driver gives a Uint8Array or a Buffer", () => {
  const rows = [{ at: new Date("2027-01-02T03:04:05Z"), a: new Uint8Array([1, 2, 3]), b: Buffer.from([1, 2, 3]), n: null }];
  expect(JSON.parse(toJson(rows))).toEqual([{ at: "2027-01-02T03:04:05.000Z", a: "AQID", b: "AQID", n: null }]);
});

test("the zip holds the README and one JSON file per table, the same bytes for the same data", () => {
  const files = [{ name: "users.json", about: "Your account and profile.", rows: [{ name: "Ada" }] }];
  const zip = zipExport(heading, files);
  const unzipped = unzipSync(zip);
  expect(Object.keys(unzipped).sort()).toEqual(["README.txt", "users.json"]);
  expect(JSON.parse(strFromU8(unzipped["users.json"]!))).toEqual([{ name: "Ada" }]);
  expect(Buffer.from(zipExport(heading, files)).equals(Buffer.from(zip))).toBe(true);
});
