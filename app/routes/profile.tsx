import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { jobTitleField, listTimeZones, nameField, timeZoneField } from "~/domain/accounts/account-fields";
import { getOwnProfile, updateOwnProfile } from "~/domain/accounts/profile.server";
import { listOrgStructure } from "~/domain/orgs/org-structure.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your profile · Roundtable" }];

const schema = z.object({
  name: nameField,
  jobTitle: jobTitleField,
  departmentId: optionalId,
  siteId: optionalId,
  timeZone: timeZoneField,
  bio: z.string().trim().max(1000, "Keep your bio under 1,000 characters.").default(""),
  expertise: z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(40, "Keep each expertise tag under 40 characters."))
        .max(20, "Use at most 20 expertise tags."),
    ),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const [profile, structure] = await Promise.all([getOwnProfile(db, user.id), listOrgStructure(db, user.orgId)]);
  return json({ profile, structure, timeZones: listTimeZones() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    await updateOwnProfile(context.services.db, user, input);
    return redirect("/profile?saved=1");
  });
}

export default function Profile() {
  const { profile, structure, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      {params.get("saved") ? <Notice>Your profile is saved.</Notice> : null}
      {params.get("welcome") ? <Notice>Welcome to Roundtable! Tell your peers a little about yourself.</Notice> : null}
      <p className="muted">
        {profile.email} · {profile.orgName} · <Link to="/security">Password and sign-in</Link> · <Link to="/profile/directory">What the alumni directory shows</Link> · <Link to="/profile/data">Your data: download it, or delete your account</Link>
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label="Name" name="name" autoComplete="name" required defaultValue={errors.value("name", profile.name)} error={errors.fieldErrors.name} />
        <TextField label="Job title" name="jobTitle" autoComplete="organization-title" defaultValue={errors.value("jobTitle", profile.jobTitle)} error={errors.fieldErrors.jobTitle} />
        <SelectField
          label="Department"
          name="departmentId"
          defaultValue={errors.value("departmentId", profile.departmentId ?? "")}
          options={[{ value: "", label: "Not set" }, ...structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
          error={errors.fieldErrors.departmentId}
        />
        <SelectField
          label="Site"
          name="siteId"
          defaultValue={errors.value("siteId", profile.siteId ?? "")}
          options={[{ value: "", label: "Not set" }, ...structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
          error={errors.fieldErrors.siteId}
        />
        <TimeZoneField zones={timeZones} defaultValue={errors.value("timeZone", profile.timeZone)} error={errors.fieldErrors.timeZone} />
        <TextAreaField label="Short bio" name="bio" maxLength={1000} defaultValue={errors.value("bio", profile.bio)} error={errors.fieldErrors.bio} hint="A few sentences about your work and what you would like to learn." />
        <TextField
          label="Expertise"
          name="expertise"
          hint="Separate tags with commas, for example: maintenance, safety, budgeting."
          defaultValue={errors.value("expertise", profile.expertise.join(", "))}
          error={errors.fieldErrors.expertise}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save profile"}
          </button>
        </div>
      </Form>
    </section>
  );
}
