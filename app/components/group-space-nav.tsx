// The tabs of a group's space, for its members: plain links, the
// current one marked by NavLink.
import { NavLink } from "@remix-run/react";

export function GroupSpaceNav({ groupId, convener, programme = false }: { groupId: string; convener: boolean; programme?: boolean }) {
  const tabs = [
    // A programme group's cycle: its schedule, goals, continue vote and report.
    ...(programme ? [{ to: `/groups/${groupId}/cycle`, label: "Cycle" }] : []),
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
