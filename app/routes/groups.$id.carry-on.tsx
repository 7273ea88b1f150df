import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { notFoundGroup } from "~/domain/groups/load-group.server";
import { pageTitle } from "~/domain/i18n/translators";
import { answerCarryOn, loadCarryOn } from "~/domain/programme/cohorts/carry-on.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? "groups:carryOn.titleOf" : "groups:carryOn.title", { group: data?.page.group.name ?? "" });

function groupIdOf(params: { id?: string }) {
  const parsed = z.string().uuid().safeParse(params.id);
  if (!parsed.success) throw notFoundGroup();
  return parsed.data;
}

const schema = z.object({ answer: z.enum(["consent", "decline"], { errorMap: () => ({ message: "groups:carryOn.errors.answer" }) }) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadCarryOn(context.services.db, user, groupIdOf(params));
  return json({ page, timeZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = groupIdOf(params);
  // Scope first: someone outside the group gets a 404 whatever the form says.
  await loadCarryOn(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ answer }) => {
    await answerCarryOn(context.services.db, user, id, answer === "consent");
    return redirect(`/groups/${id}/carry-on?saved=1`);
  });
}

export default function CarryOn() {
  const { page, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const { t } = useTranslation("groups");
  const format = useFormat();
  const { group, offer, counts, mine } = page;
  return (
    <>
      <h1>{t("carryOn.titleOf", { group: group.name })}</h1>
      {params.get("saved") ? <Notice>{t("carryOn.saved")}</Notice> : null}
      {offer.status === "converted" ? (
        <p>
          <Trans t={t} i18nKey="carryOn.converted" values={{ group: group.name }} components={{ a: <Link to={`/groups/${group.id}`} /> }} />
        </p>
      ) : offer.status === "declined" ? (
        <p>{t("carryOn.declined", { needed: page.needed })}</p>
      ) : (
        <>
          <p>{t("carryOn.offer", { needed: page.needed, date: format.date(offer.closesAt, timeZone), group: group.name })}</p>
          <p>{t(counts.decline === 1 ? "carryOn.tallyOneDeclines" : "carryOn.tally", { count: counts.consent, members: counts.members, decline: counts.decline })}</p>
          {page.canAnswer ? (
            <Form method="post" className="stack" noValidate>
              <FormError message={errors.formError ?? errors.fieldErrors.answer} />
              <fieldset className="field">
                <legend>{mine ? t("carryOn.yourAnswerNow", { answer: t(mine === "consent" ? "carryOn.consent" : "carryOn.declineShort") }) : t("carryOn.yourAnswer")}</legend>
                <label className="checkbox">
                  <input type="radio" name="answer" value="consent" defaultChecked={(errors.values.answer ?? mine) === "consent"} /> {t("carryOn.consent")}
                </label>
                <label className="checkbox">
                  <input type="radio" name="answer" value="decline" defaultChecked={(errors.values.answer ?? mine) === "decline"} /> {t("carryOn.decline")}
                </label>
              </fieldset>
              <div>
                <button type="submit">{t("carryOn.save")}</button>
              </div>
            </Form>
          ) : (
            <p className="muted">{t("carryOn.onlyMembers")}</p>
          )}
        </>
      )}
    </>
  );
}
