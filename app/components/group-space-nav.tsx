// The tabs of a peer group's space, for its members: plain links, the
// current one marked by NavLink.
import { NavLink } from "@remix-run/react";

export function GroupSpaceNav({ groupId, convener }: { groupId: string; convener: boolean }) {
  const tabs = [
    { to: `/groups/${groupId}/members`, label: "Members" },
    { to: `/groups/${groupId}/meetings`, label: "Meetings" },
    { to: `/groups/${groupId}/discussion`, label: "Discussion" },
    ...(convener ? [{ to: `/groups/${groupId}/settings`, label: "Settings" }] : []),
  ];
  return (
    <nav aria-label="Group">
      <ul className="tabs">
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to}>{t.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
