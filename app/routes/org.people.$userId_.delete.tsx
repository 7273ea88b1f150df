// An admin deletes the account of someone who left the organisation: the
// same request and cooling-off as a person's own, which they are told about.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { NotFoundError } from "~/domain/http-errors";
import { pageTitle } from "~/domain/i18n/translators";
import { getPersonForAdmin } from "~/domain/orgs/people.server";
import { cancelDeletion, deletionState, requestDeletion } from "~/domain/personal-data/account-deletions.server";
import { confirmDeletion } from "~/domain/personal-data/personal-data-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy:deleteAccount.title");

function personId(params: { userId?: string }) {
  const parsed = z.string().uuid().safeParse(params.userId);
  if (!parsed.success) throw new NotFoundError("org:person.errors.notFound");
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const person = await getPersonForAdmin(db, user, personId(params));
  const state = await deletionState(db, user, person.id);
  return json({
    person: { id: person.id, name: person.name },
    coolingOffDays: state.coolingOffDays,
    timeZone: user.timeZone,
    waiting: state.waiting ? { erasesAt: state.waiting.erasesAt.toISOString() } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  // Scope first: another organisation's person is a 404 whatever the form says.
  const person = await getPersonForAdmin(db, user, personId(params));
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "delete":
      return submitForm(formData, confirmDeletion, async () => {
        await requestDeletion(db, user, person.id);
        return redirect(`/org/people/${person.id}/delete?asked=delete`);
      });
    case "cancel-deletion":
      return submitForm(formData, z.object({}), async () => {
        await cancelDeletion(db, user, person.id);
        return redirect(`/org/people/${person.id}/delete?asked=cancel`);
      });
    default:
      return invalid(formData, { form: "privacy:errors.unknownIntent" });
  }
}

export default function DeleteAccount() {
  const { person, coolingOffDays, timeZone, waiting } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const asked = params.get("asked");
  const day = waiting ? format.date(waiting.erasesAt, timeZone) : "";
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t("deleteAccount.heading", { name: person.name })}</h2>
      {asked === "delete" && waiting ? <Notice>{t("deleteAccount.asked", { date: day, name: person.name })}</Notice> : null}
      {asked === "cancel" ? <Notice>{t("deleteAccount.cancelled")}</Notice> : null}
      <FormError message={errors.formError ?? errors.fieldErrors.confirm} />
      <p>{t("deleteAccount.intro", { count: coolingOffDays })}</p>
      {waiting ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="cancel-deletion" />
          <p>
            <Trans t={t} i18nKey="deleteAccount.waiting" values={{ date: day }} components={{ strong: <strong /> }} />
          </p>
          <div>
            <button type="submit">{t("deleteAccount.cancel")}</button> <Link to={`/org/people/${person.id}`}>{t("deleteAccount.back", { name: person.name })}</Link>
          </div>
        </Form>
      ) : (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <label className="checkbox">
            <input type="checkbox" name="confirm" defaultChecked={errors.values.confirm === "on"} /> {t("deleteAccount.confirm", { name: person.name })}
          </label>
          <div>
            <button type="submit">{t("deleteAccount.submit")}</button> <Link to={`/org/people/${person.id}`}>{t("deleteAccount.dontDelete")}</Link>
          </div>
        </Form>
      )}
    </section>
  );
}
