// A new peer group waiting for a moderator of its organisation: approve it
// and it starts with the people who gathered, or decline it with a reason
// and it is removed. Anyone else gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { approveGroup, declineGroup, loadGroupForApproval } from "~/domain/groups/approve-group.server";
import { MAX_DECLINE_REASON_LENGTH } from "~/domain/groups/group-fields";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { isFormerMember } from "~/domain/people/person-name";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "review:group.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const group = await loadGroupForApproval(context.services.db, user, params.id ?? "");
  return json({ group, timeZone: user.timeZone });
}

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve") }),
    z.object({ intent: z.literal("decline"), reason: z.string().trim().max(MAX_DECLINE_REASON_LENGTH, message("review:errors.reasonTooLong", { max: MAX_DECLINE_REASON_LENGTH })).default("") }),
  ],
  { errorMap: () => ({ message: "review:group.errors.intent" }) },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = params.id ?? "";
  // Answers 404 before reading the form for anyone who may not decide on this group.
  await loadGroupForApproval(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (data) => {
    if (data.intent === "approve") {
      await approveGroup(context.services.db, user, id);
      return redirect(`/review/groups/${id}`);
    }
    await declineGroup(context.services.db, user, id, data.reason);
    return redirect("/review");
  });
}

export default function GroupApproval() {
  const { group, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const { t } = useTranslation("review");
  const format = useFormat();
  const waiting = group.status === "awaiting_approval";
  return (
    <article aria-labelledby="group-title">
      <p className="muted">
        <Link to="/review">{t("queue.title")}</Link>
      </p>
      <h1 id="group-title">{t("group.heading", { name: group.name })}</h1>
      <FormError message={errors.formError ?? errors.fieldErrors.intent} />
      <p data-testid="group-status">
        <strong>{t(`groups:statuses.${group.status}`)}</strong>
      </p>
      <dl className="facts">
        <div>
          <dt>{t("group.field")}</dt>
          <dd>{group.field}</dd>
        </div>
        <div>
          <dt>{t("group.foundedBy")}</dt>
          <dd>{t(isFormerMember(group.founderName) ? "group.formerFounder" : "group.founder", { name: group.founderName, organisation: group.orgName, date: format.date(group.createdAt, timeZone) })}</dd>
        </div>
        <div>
          <dt>{t("group.joining")}</dt>
          <dd>{group.joinPolicy === "request" ? t(`group.requestDecision.${group.joinDecision}`) : t(`groups:policies.${group.joinPolicy}`)}</dd>
        </div>
        <div>
          <dt>{t("group.otherOrganisations")}</dt>
          <dd>{group.crossOrg ? t("groups:list.crossOrg") : t("groups:list.onlyOrg", { organisation: group.orgName })}</dd>
        </div>
        <div>
          <dt>{t("group.sizeCap")}</dt>
          <dd>{group.sizeCap ?? t("group.noCap")}</dd>
        </div>
      </dl>
      <h2>{t("group.charter")}</h2>
      <p className="proposal__text">{group.charter}</p>
      {group.interested.length ? (
        <>
          <h2>{t("group.interested")}</h2>
          <ul>
            {group.interested.map((p, i) => (
              <li key={i}>
                {p.name}
                {p.department ? <span className="muted"> · {p.department}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {waiting ? (
        <section aria-labelledby="decide-title" className="review-panel">
          <h2 id="decide-title">{t("group.decide")}</h2>
          {group.foundedByMe ? (
            <p className="muted">{t("group.foundedByYou")}</p>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="approve">
                {t("group.approve")}
              </button>
            </Form>
          )}
          <Form method="post" className="stack">
            <TextAreaField
              label={t("group.declineReason")}
              name="reason"
              rows={3}
              hint={t("group.declineHint")}
              defaultValue={errors.value("reason", "")}
              error={errors.fieldErrors.reason}
            />
            <div>
              <button type="submit" name="intent" value="decline" className="button--danger">
                {t("group.decline")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
