// An organisation's settings, five forms told apart by their intent: how
// people join, connections across organisations, founding peer groups,
// wishes for group formation, and people's data (cooling-off, retention).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DataSettingsSection } from "~/components/data-settings-section";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { getOrganisation, updateConnectionSettings, updateFormationSettings, updateGroupFoundingSettings, updateSignupSettings } from "~/domain/orgs/org-settings.server";
import { dataSettingsSchema } from "~/domain/personal-data/personal-data-fields";
import { getDataSettings, updateDataSettings } from "~/domain/personal-data/retention.server";
import { checkbox } from "~/forms/field-schemas";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Organisation settings · Roundtable" }];

const MAX_FOUNDING = 50;

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "Enter a domain such as example.com, without the @."));

const signupSchema = z.discriminatedUnion("signupMode", [
  z.object({ signupMode: z.literal("invite_only"), allowedEmailDomain: z.string().optional() }),
  z.object({ signupMode: z.literal("email_domain"), allowedEmailDomain: domain }),
], { errorMap: () => ({ message: "Choose how people join." }) });

/** Empty for "no minimum", else a whole number from 1 to MAX_FOUNDING. */
const optionalMinimum = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, `Enter the ${what} as a whole number from 1 to ${MAX_FOUNDING}, or leave it empty for no minimum.`)
        .transform(Number)
        .pipe(z.number().int().min(1, `Enter at least 1 for the ${what}, or leave it empty for no minimum.`).max(MAX_FOUNDING, `The ${what} can be at most ${MAX_FOUNDING}.`))
        .nullable(),
    );

const connectionsSchema = z.object({ crossOrgConnections: checkbox });
const foundingSchema = z.object({
  groupFoundingMinPeople: optionalMinimum("number of people"),
  groupFoundingMinDepartments: optionalMinimum("number of departments"),
  groupsNeedApproval: checkbox,
});
const formationSchema = z.object({ formationPreferences: checkbox });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const org = await getOrganisation(context.services.db, user, user.orgId);
  const data = await getDataSettings(context.services.db, user, user.orgId);
  const days = (n: number | null) => (n === null ? "" : String(n));
  return json({
    dataSettings: {
      deletionCoolingOffDays: days(data.deletionCoolingOffDays),
      privateNotesRetentionDays: days(data.privateNotesRetentionDays),
      evaluationCommentsRetentionDays: days(data.evaluationCommentsRetentionDays),
      surveyRetentionDays: days(data.surveyRetentionDays),
    },
    signupMode: org.signupMode,
    allowedEmailDomain: org.allowedEmailDomain ?? "",
    crossOrgConnections: org.crossOrgConnections,
    groupFoundingMinPeople: org.groupFoundingMinPeople?.toString() ?? "",
    groupFoundingMinDepartments: org.groupFoundingMinDepartments?.toString() ?? "",
    groupsNeedApproval: org.groupsNeedApproval,
    formationPreferences: org.formationPreferences,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  // The sign-up form came first, so a post without an intent is for it.
  switch (formData.get("intent") ?? "signup") {
    case "connections":
      return submitForm(formData, connectionsSchema, async (settings) => {
        await updateConnectionSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=connections#connections");
      });
    case "founding":
      return submitForm(formData, foundingSchema, async (settings) => {
        await updateGroupFoundingSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=founding#founding");
      });
    case "formation":
      return submitForm(formData, formationSchema, async (settings) => {
        await updateFormationSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=formation#formation");
      });
    case "data":
      return submitForm(formData, dataSettingsSchema, async (settings) => {
        await updateDataSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=data#data");
      });
    case "signup":
      return submitForm(formData, signupSchema, async (settings) => {
        await updateSignupSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=signup");
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

export default function OrgSettings() {
  const org = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  // Errors and kept input belong to the form that was posted.
  const postedIntent = errors.values.intent ?? (Object.keys(errors.values).length ? "signup" : undefined);
  const errorFor = (intent: string, field: string) => (postedIntent === intent ? errors.fieldErrors[field] : undefined);
  const keptFor = (intent: string, field: string, fallback: string) => (postedIntent === intent ? (errors.value(field) ?? "") : fallback);
  const checkedFor = (intent: string, field: string, fallback: boolean) => (postedIntent === intent ? errors.values[field] === "on" : fallback);
  const mode = keptFor("signup", "signupMode", org.signupMode);
  const known = ["signup", "connections", "founding", "formation", "data"];
  return (
    <>
      <FormError message={postedIntent && !known.includes(postedIntent) ? errors.formError : undefined} />
      <section aria-labelledby="signup-title">
        <h2 id="signup-title">How people join</h2>
        {saved === "signup" ? <Notice>Saved.</Notice> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="signup" />
          <FormError message={postedIntent === "signup" ? (errors.formError ?? errors.fieldErrors.signupMode) : undefined} />
          <fieldset className="field">
            <legend>Sign-up</legend>
            <label className="checkbox">
              <input type="radio" name="signupMode" value="invite_only" defaultChecked={mode === "invite_only"} /> Invitation only
            </label>
            <label className="checkbox">
              <input type="radio" name="signupMode" value="email_domain" defaultChecked={mode === "email_domain"} /> Anyone with an email address at our
              domain may sign up
            </label>
          </fieldset>
          <TextField
            label="Allowed email domain"
            name="allowedEmailDomain"
            hint="Used only with open sign-up, for example example.com."
            defaultValue={keptFor("signup", "allowedEmailDomain", org.allowedEmailDomain)}
            error={errorFor("signup", "allowedEmailDomain")}
          />
          <div>
            <button type="submit">Save sign-up settings</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="connections-title" id="connections">
        <h2 id="connections-title">Connections across organisations</h2>
        {saved === "connections" ? <Notice>Saved.</Notice> : null}
        <p className="muted">
          When this is on, our alumni may appear in the directory to, found and join peer groups with, and mentor alumni of other organisations that
          allow it too. Each person still decides for themselves; nobody is shown to other organisations unless they choose it.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="connections" />
          <FormError message={postedIntent === "connections" ? (errors.formError ?? errors.fieldErrors.crossOrgConnections) : undefined} />
          <label className="checkbox">
            <input type="checkbox" name="crossOrgConnections" defaultChecked={checkedFor("connections", "crossOrgConnections", org.crossOrgConnections)} /> Allow
            our alumni to connect with alumni of other organisations
          </label>
          <div>
            <button type="submit">Save connections</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="founding-title" id="founding">
        <h2 id="founding-title">Founding peer groups</h2>
        {saved === "founding" ? <Notice>Saved.</Notice> : null}
        <p className="muted">
          A new peer group can first gather interest, and become active only once enough people from enough departments want it. Leave both empty
          for groups to start straight away.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="founding" />
          <FormError message={postedIntent === "founding" ? errors.formError : undefined} />
          <TextField
            label="Interested people needed"
            name="groupFoundingMinPeople"
            inputMode="numeric"
            hint={`Including the founder. A whole number up to ${MAX_FOUNDING}, or empty for no minimum.`}
            defaultValue={keptFor("founding", "groupFoundingMinPeople", org.groupFoundingMinPeople)}
            error={errorFor("founding", "groupFoundingMinPeople")}
          />
          <TextField
            label="Departments they must come from"
            name="groupFoundingMinDepartments"
            inputMode="numeric"
            hint="At most the number of people. Empty for no minimum."
            defaultValue={keptFor("founding", "groupFoundingMinDepartments", org.groupFoundingMinDepartments)}
            error={errorFor("founding", "groupFoundingMinDepartments")}
          />
          <label className="checkbox">
            <input type="checkbox" name="groupsNeedApproval" defaultChecked={checkedFor("founding", "groupsNeedApproval", org.groupsNeedApproval)} /> New groups
            also need a moderator&apos;s approval
          </label>
          {errorFor("founding", "groupsNeedApproval") ? <FormError message={errorFor("founding", "groupsNeedApproval")} /> : null}
          <div>
            <button type="submit">Save founding rules</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="formation-title" id="formation">
        <h2 id="formation-title">Wishes for group formation</h2>
        {saved === "formation" ? <Notice>Saved.</Notice> : null}
        <p className="muted">
          When this is on, each person enrolled in a cohort may name up to 3 colleagues they would like to meet and up to 3 they would rather not be
          grouped with. Only the admins who form the groups see these names. Turning it off hides the wishes already given; it does not delete them.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="formation" />
          <FormError message={postedIntent === "formation" ? (errors.formError ?? errors.fieldErrors.formationPreferences) : undefined} />
          <label className="checkbox">
            <input type="checkbox" name="formationPreferences" defaultChecked={checkedFor("formation", "formationPreferences", org.formationPreferences)} /> Let
            enrolled people name colleagues they would like to meet, or would rather not be grouped with, when groups are formed
          </label>
          <div>
            <button type="submit">Save wishes setting</button>
          </div>
        </Form>
      </section>

      <DataSettingsSection saved={saved === "data"} settings={org.dataSettings} errors={postedIntent === "data" ? errors : null} />
    </>
  );
}
