// The bare Remix app's server: the Express setup of Remix's own template
// (static build assets, public files, the request handler) and nothing of
// ours (no request id, headers, guards or session). bench/http.ts builds the
// app first and starts this the way it starts ours.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

const here = import.meta.dirname;
const build = (await import(pathToFileURL(path.join(here, "build", "index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
// A clean exit, so node --cpu-prof writes its profile.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
