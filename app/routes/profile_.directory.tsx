// A person's directory settings beside a preview of what others see, drawn
// by the same component and server function as the profile page itself.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { DIRECTORY_FIELD_LABELS, DIRECTORY_FIELDS } from "~/domain/people/directory-fields";
import { previewDirectoryProfile, saveDirectorySettings } from "~/domain/people/directory-settings.server";
import { checkbox, listOf } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your directory profile · Roundtable" }];

const schema = z.object({
  listed: checkbox,
  showOrganisation: checkbox,
  showDepartment: checkbox,
  showSite: checkbox,
  showExpertise: checkbox,
  showBio: checkbox,
  showMentoring: checkbox,
  showGroups: checkbox,
  crossOrg: checkbox,
  mindsetInterests: listOf(z.enum(MINDSETS, { errorMap: () => ({ message: "Choose mindsets from the list." }) })).transform((list) => [...new Set(list)]),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await previewDirectoryProfile(context.services.db, user));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (settings) => {
    await saveDirectorySettings(context.services.db, user, settings);
    return redirect("/profile/directory?saved=1");
  });
}

export default function DirectorySettings() {
  const { settings, orgAllowsCrossing, asColleague, asAlumnusElsewhere } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const posted = Object.keys(errors.values).length > 0;
  // After a refused save, the boxes show what the person had ticked.
  const checked = (name: keyof typeof settings) => (posted ? errors.values[name] === "on" : Boolean(settings[name]));
  const mindsets = posted ? (errors.values.mindsetInterests ?? "").split("\n") : settings.mindsetInterests;
  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">Your directory profile</h1>
      {params.get("saved") ? <Notice>Your directory settings are saved.</Notice> : null}
      <p className="muted">
        Choose whether other alumni find you in the <Link to="/people">directory</Link>, and what they see. Your name, bio and expertise are edited
        on <Link to="/profile">your profile</Link>.
      </p>
      <div className="draft-layout">
        <Form method="post" className="stack" noValidate aria-label="Directory settings">
          <FormError message={errors.formError} />
          <label className="checkbox">
            <input type="checkbox" name="listed" defaultChecked={checked("listed")} /> List me in the alumni directory
          </label>
          <fieldset className="field">
            <legend>Show on my profile</legend>
            <p className="field__hint">Your name is always shown.</p>
            {DIRECTORY_FIELDS.map((field) => (
              <label key={field} className="checkbox">
                <input type="checkbox" name={field} defaultChecked={checked(field)} /> {DIRECTORY_FIELD_LABELS[field]}
              </label>
            ))}
            {DIRECTORY_FIELDS.map((field) => (errors.fieldErrors[field] ? <FormError key={field} message={errors.fieldErrors[field]} /> : null))}
          </fieldset>
          <fieldset className={errors.fieldErrors.mindsetInterests ? "field field--invalid" : "field"}>
            <legend>Mindsets I am interested in</legend>
            <p className="field__hint">Shown on your profile, so people with the same interests find you.</p>
            {MINDSETS.map((m) => (
              <label key={m} className="checkbox">
                <input type="checkbox" name="mindsetInterests" value={m} defaultChecked={mindsets.includes(m)} /> {MINDSET_LABELS[m].name} ({MINDSET_LABELS[m].focus})
              </label>
            ))}
            {errors.fieldErrors.mindsetInterests ? (
              <p className="field__error" role="alert">
                {errors.fieldErrors.mindsetInterests}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="field">
            <legend>Other organisations</legend>
            <label className="checkbox">
              <input type="checkbox" name="crossOrg" defaultChecked={checked("crossOrg")} aria-describedby="cross-org-hint" /> Alumni of other
              organisations may see me
            </label>
            <p className="field__hint" id="cross-org-hint">
              Only when your organisation allows connections across organisations too, and theirs does.{" "}
              {orgAllowsCrossing ? "Your organisation currently allows it." : "Your organisation does not allow it at the moment, so only your own organisation sees you."}
            </p>
            {errors.fieldErrors.crossOrg ? <FormError message={errors.fieldErrors.crossOrg} /> : null}
          </fieldset>
          <div>
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save directory settings"}
            </button>
          </div>
        </Form>
        <section aria-labelledby="preview-title" className="draft-layout__side">
          <h2 id="preview-title">What others see</h2>
          <p className="muted">Someone else of your organisation sees:</p>
          {asColleague ? (
            <DirectoryProfileCard profile={asColleague} headingLevel={3} />
          ) : (
            <p>Nothing: you are not listed in the directory.</p>
          )}
          {settings.crossOrg ? (
            asAlumnusElsewhere ? (
              <>
                <p className="muted">Alumni of other organisations that allow connections see:</p>
                <DirectoryProfileCard profile={asAlumnusElsewhere} headingLevel={3} />
              </>
            ) : (
              <p className="muted">
                Alumni of other organisations see nothing
                {orgAllowsCrossing ? " until you list yourself." : ": your organisation does not allow connections across organisations."}
              </p>
            )
          ) : null}
        </section>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
