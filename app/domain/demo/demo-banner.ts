// The line every page of a demo organisation shows, so generated people and
// history are never mistaken for real ones. The layout writes it from the
// catalogues in the reader's language (common.json, demoBanner); this is the
// English, for the tests and scripts that look for it.
import englishCommon from "../../locales/en/common.json";

export const DEMO_BANNER_TEXT = englishCommon.demoBanner;
