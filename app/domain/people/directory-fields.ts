// What a directory profile can show (its words are in the catalogues,
// people.json settings.fields), and the shape of a profile as one viewer
// sees it. Plain data: the settings form, the profile card and the server
// share it.
import type { Mindset } from "../content/mindsets";

/** The parts of a profile its owner chooses to show. The name is always shown. */
export const DIRECTORY_FIELDS = ["showOrganisation", "showDepartment", "showSite", "showExpertise", "showBio", "showMentoring", "showGroups"] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

export type DirectorySettings = Record<DirectoryField, boolean> & { listed: boolean; crossOrg: boolean; mindsetInterests: Mindset[] };

/** The same defaults as the directory_profiles table: nobody is listed until they choose to be. */
export const DEFAULT_DIRECTORY_SETTINGS: DirectorySettings = {
  listed: false,
  showOrganisation: true,
  showDepartment: false,
  showSite: false,
  showExpertise: true,
  showBio: false,
  showMentoring: false,
  showGroups: false,
  crossOrg: false,
  mindsetInterests: [],
};


/** A profile as one viewer sees it: every hidden part is null. */
export type DirectoryProfileView = {
  userId: string;
  name: string;
  listed: boolean;
  organisation: string | null;
  department: string | null;
  site: string | null;
  expertise: string[] | null;
  bio: string | null;
  mindsetInterests: Mindset[];
  mentoring: { topics: string[]; format: string; freePlaces: number } | null;
  groups: { id: string; name: string; field: string; role: string }[] | null;
};
