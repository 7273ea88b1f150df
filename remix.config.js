/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  // Every Remix v2 future flag is decided, so the build names none as pending
  // (docs/decisions/023-newcomer-defaults.md).
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // The browser learns routes as links appear (GET /__manifest) instead of loading them all at once.
    v3_lazyRouteDiscovery: true,
    // Not adopted: it changes what loaders and actions return (no json(), turbo-stream, headers), route by route.
    v3_singleFetch: false,
  },
};
