// The line every page of a demo organisation shows, so generated people and
// history are never mistaken for real ones.
export const DEMO_BANNER_TEXT = "Demo data: generated for Roundtable";
