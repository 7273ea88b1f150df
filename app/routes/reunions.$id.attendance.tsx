// On the day, the organiser checks people in (and can undo a mistake).
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { canRunReunion } from "~/domain/policy";
import { checkIn } from "~/domain/reunions/check-in.server";
import { loadAttendance } from "~/domain/reunions/load-reunion-page.server";
import { checkInSchema } from "~/domain/reunions/reunion-fields";
import { occasionKind } from "~/domain/reunions/occasion-words";
import { findVisibleReunion } from "~/domain/reunions/visible-reunions.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "reunions:attendance.title", { title: data?.reunion.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadAttendance(context.services.db, user, params.id ?? "");
  return json({ ...page, viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const reunion = await findVisibleReunion(db, user, params.id ?? "");
  if (!canRunReunion(user, reunion))
    throw new ForbiddenError(`reunions:errors.only.checkIn.${occasionKind(reunion)}`);
  const formData = await readFormData(request);
  return submitForm(formData, checkInSchema, async (input) => {
    await checkIn(db, user, reunion.id, {
      userId: input.userId,
      present: input.intent === "check-in",
    });
    return redirect(
      `/reunions/${reunion.id}/attendance#person-${input.userId}`
    );
  });
}

export default function Attendance() {
  const { reunion, people, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const present = people.filter((p) => p.checkedInAt).length;
  const kind = occasionKind(reunion);
  const { t } = useTranslation("reunions");
  const format = useFormat();
  return (
    <section aria-labelledby="attendance-title">
      <h1 id="attendance-title">{t("attendance.heading", { title: reunion.title })}</h1>
      <p>
        <Link to={`/reunions/${reunion.id}`}>{t(`edit.back.${kind}`)}</Link>
      </p>
      <FormError message={errors.formError ?? errors.fieldErrors.userId} />
      {reunion.status !== "scheduled" ? <p>{t(`errors.onlyScheduled.${kind}`)}</p> : null}
      <p>{t("attendance.count", { present, invited: people.length })}</p>
      <table className="reunion-attendance">
        <thead>
          <tr>
            <th scope="col">{t("attendance.person")}</th>
            <th scope="col">{t("attendance.theirAnswer")}</th>
            <th scope="col">{t("attendance.checkedIn")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("attendance.action")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} id={`person-${p.id}`}>
              <th scope="row">{p.name}</th>
              <td>{p.answer ? (p.waitlisted ? t("attendance.waitlisted") : t(`rsvp.${p.answer}`)) : t("attendance.noAnswer")}</td>
              <td>{p.checkedInAt ? format.dateTime(p.checkedInAt, viewerZone) : "—"}</td>
              <td>
                {reunion.status === "scheduled" ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={p.id} />
                    <input type="hidden" name="intent" value={p.checkedInAt ? "undo-check-in" : "check-in"} />
                    <button
                      type="submit"
                      className={p.checkedInAt ? "button--secondary" : undefined}
                      aria-label={p.checkedInAt ? t("attendance.undoLabel", { name: p.name }) : t("attendance.checkInLabel", { name: p.name })}
                    >
                      {p.checkedInAt ? t("attendance.undo") : t("attendance.checkIn")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
