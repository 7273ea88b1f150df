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
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { canRunReunion } from "~/domain/policy";
import { checkIn } from "~/domain/reunions/check-in.server";
import { loadAttendance } from "~/domain/reunions/load-reunion-page.server";
import {
  checkInSchema,
  RSVP_ANSWER_LABELS,
} from "~/domain/reunions/reunion-fields";
import { occasionWords } from "~/domain/reunions/occasion-words";
import { findVisibleReunion } from "~/domain/reunions/visible-reunions.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Attendance · ${data.reunion.title} · Roundtable`
      : "Attendance · Roundtable",
  },
];

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
    throw new ForbiddenError(`Only ${occasionWords(reunion).runBy} can check people in.`);
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
  const words = occasionWords(reunion);
  return (
    <section aria-labelledby="attendance-title">
      <h1 id="attendance-title">Attendance: {reunion.title}</h1>
      <p>
        <Link to={`/reunions/${reunion.id}`}>Back to the {words.noun}</Link>
      </p>
      <FormError message={errors.formError ?? errors.fieldErrors.userId} />
      {reunion.status !== "scheduled" ? (
        <p>Only a scheduled {words.noun} has attendance to record.</p>
      ) : null}
      <p>
        {present} of {people.length} invited people checked in.
      </p>
      <table className="reunion-attendance">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Their answer</th>
            <th scope="col">Checked in</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} id={`person-${p.id}`}>
              <th scope="row">{p.name}</th>
              <td>
                {p.answer
                  ? p.waitlisted
                    ? "On the waitlist"
                    : RSVP_ANSWER_LABELS[p.answer]
                  : "No answer"}
              </td>
              <td>
                {p.checkedInAt
                  ? formatDateTimeInZone(p.checkedInAt, viewerZone)
                  : "—"}
              </td>
              <td>
                {reunion.status === "scheduled" ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={p.id} />
                    <input
                      type="hidden"
                      name="intent"
                      value={p.checkedInAt ? "undo-check-in" : "check-in"}
                    />
                    <button
                      type="submit"
                      className={
                        p.checkedInAt ? "button--secondary" : undefined
                      }
                      aria-label={
                        p.checkedInAt
                          ? `Undo check-in of ${p.name}`
                          : `Check in ${p.name}`
                      }
                    >
                      {p.checkedInAt ? "Undo" : "Check in"}
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
