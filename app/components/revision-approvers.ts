// Who approved a published revision, in one line for the history pages.
import { useTranslation } from "react-i18next";
import type { Approver } from "~/domain/modules/module-history.server";
import { personName } from "~/domain/people/person-name";
import { useFormat } from "./use-format";

/**
 * "Mo Moderator (moderator), Tina Leader (author)", in the page's language.
 * A revision imported from content/ went through no review in Roundtable,
 * and the line says so rather than naming an approver who never saw it.
 */
export function useApproverList() {
  const { t } = useTranslation("modules");
  const format = useFormat();
  return ({ approvers, imported }: { approvers: readonly Approver[]; imported: boolean }): string => {
    if (imported) return t("history.imported");
    if (approvers.length === 0) return t("history.notRecorded");
    return format.enumerate(approvers.map((a) => t(`history.approver.${a.capacity}`, { name: personName(a.name, t) })));
  };
}
