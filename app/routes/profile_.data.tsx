// Your data: download everything Roundtable holds about you, and delete your
// account. Three forms told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { EXPORT_STATUS_WORDS, ExportDownload } from "~/components/export-download";
import { TableScroll } from "~/components/table-scroll";
import { formatDateInZone } from "~/components/format-time";
import { cancelDeletion, deletionState, requestDeletion } from "~/domain/personal-data/account-deletions.server";
import { listOwnExports, requestPersonExport } from "~/domain/personal-data/data-exports.server";
import { confirmDeletion, EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your data · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const [downloads, deletion] = await Promise.all([listOwnExports(db, user), deletionState(db, user, user.id)]);
  return json({
    downloads: downloads
      .filter((e) => e.scope === "person")
      .map((e) => ({ id: e.id, status: e.status, requested: formatDateInZone(e.createdAt, user.timeZone), expires: e.expiresAt ? formatDateInZone(e.expiresAt, user.timeZone) : null, size: e.byteSize })),
    deletion: { coolingOffDays: deletion.coolingOffDays, waiting: deletion.waiting ? { day: formatDateInZone(deletion.waiting.erasesAt, user.timeZone), bySomeoneElse: deletion.waiting.bySomeoneElse } : null },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "export":
      return submitForm(formData, z.object({}), async () => {
        await requestPersonExport(db, user);
        return redirect("/profile/data?asked=export#export");
      });
    case "delete":
      return submitForm(formData, confirmDeletion, async () => {
        await requestDeletion(db, user, user.id);
        return redirect("/profile/data?asked=delete#delete");
      });
    case "cancel-deletion":
      return submitForm(formData, z.object({}), async () => {
        await cancelDeletion(db, user, user.id);
        return redirect("/profile/data?asked=cancel#delete");
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}


export default function YourData() {
  const { downloads, deletion } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const asked = params.get("asked");
  const posted = errors.values.intent;
  return (
    <>
      <h1>Your data</h1>
      <FormError message={posted && !["export", "delete", "cancel-deletion"].includes(posted) ? errors.formError : undefined} />

      <section aria-labelledby="export-title" id="export">
        <h2 id="export-title">Download your data</h2>
        {asked === "export" ? <Notice>We are preparing your export. We will notify you when it is ready; it usually takes a minute.</Notice> : null}
        <p>
          One zip file with everything Roundtable holds about you: your profile and roles, take-aways, goals, diagnostics, comments, proposals, notes, votes,
          answers to invitations, your groups and mentoring, and what you wrote or co-wrote. A README inside says what each file holds. Your meeting
          evaluations are stored without your name, so only the fact that you gave one is included.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="export" />
          <FormError message={posted === "export" ? errors.formError : undefined} />
          <div>
            <button type="submit">Prepare my export</button>
          </div>
        </Form>
        {downloads.length ? (
          <TableScroll label="Your exports">
            <table>
              <caption>Your exports. Each can be downloaded for {EXPORT_LINK_DAYS} days, by you only.</caption>
              <thead>
                <tr>
                  <th scope="col">Asked for</th>
                  <th scope="col">State</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {downloads.map((e) => (
                  <tr key={e.id}>
                    <td>{e.requested}</td>
                    <td>{EXPORT_STATUS_WORDS[e.status]}</td>
                    <td>
                      <ExportDownload id={e.id} status={e.status} size={e.size} expires={e.expires} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>

      <section aria-labelledby="delete-title" id="delete">
        <h2 id="delete-title">Delete your account</h2>
        {asked === "delete" ? <Notice>We will delete your account on {deletion.waiting?.day}. You can change your mind until then.</Notice> : null}
        {asked === "cancel" ? <Notice>Your account will not be deleted.</Notice> : null}
        {/* A second request, or a cancel with nothing waiting, is answered here whichever form is shown now. */}
        <FormError message={posted === "delete" ? (errors.formError ?? errors.fieldErrors.confirm) : posted === "cancel-deletion" ? errors.formError : undefined} />
        <p>
          Your personal data is erased: your profile, roles, take-aways, goals, diagnostics, notes, votes and answers. What you built with others stays, so
          nobody loses their work: text you co-wrote in modules, comments others replied to, proposals others supported, and meetings you organised are kept
          under the name &ldquo;Former member&rdquo;. The audit log keeps what happened, without your name.
        </p>
        {deletion.waiting ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="cancel-deletion" />
            <p>
              <strong>Your account will be deleted on {deletion.waiting.day}.</strong>
              {deletion.waiting.bySomeoneElse ? " An admin of your organisation asked for it." : ""} Download your data before then if you want to keep it.
            </p>
            <div>
              <button type="submit">Keep my account</button>
            </div>
          </Form>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <p>
              Your account is deleted {deletion.coolingOffDays} {deletion.coolingOffDays === 1 ? "day" : "days"} after you ask; until then you can change your mind
              here.
            </p>
            <label className="checkbox">
              <input type="checkbox" name="confirm" defaultChecked={posted === "delete" && errors.values.confirm === "on"} /> I want my account and my personal
              data deleted
            </label>
            <div>
              <button type="submit">Delete my account</button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
