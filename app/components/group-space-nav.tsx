// The tabs of a group's space, for its members: plain links, the
// current one marked by NavLink.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function GroupSpaceNav({ groupId, convener, programme = false }: { groupId: string; convener: boolean; programme?: boolean }) {
  const { t: translate } = useTranslation("groups");
  const tabs = [
    // A programme group's cycle: its schedule, goals, continue vote and report.
    ...(programme ? [{ to: `/groups/${groupId}/cycle`, label: translate("space.cycle") }] : []),
    { to: `/groups/${groupId}/members`, label: translate("space.members") },
    { to: `/groups/${groupId}/meetings`, label: translate("space.meetings") },
    { to: `/groups/${groupId}/discussion`, label: translate("space.discussion") },
    ...(convener ? [{ to: `/groups/${groupId}/settings`, label: translate("space.settings") }] : []),
  ];
  return (
    <nav aria-label={translate("space.label")}>
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
