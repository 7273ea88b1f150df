import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { applyFormation } from "~/domain/programme/cohorts/apply-formation.server";
import { editFormation } from "~/domain/programme/cohorts/edit-formation";
import { findCohort, notFoundCohort } from "~/domain/programme/cohorts/find-cohort.server";
import { loadFormationScreen } from "~/domain/programme/cohorts/load-formation.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Groups of ${data?.cohort.name ?? "a cohort"} · Roundtable` }];

function cohortIdOf(params: { cohortId?: string }) {
  const parsed = z.string().uuid().safeParse(params.cohortId);
  if (!parsed.success) throw notFoundCohort();
  return parsed.data;
}

const NOT_IN_A_GROUP = "Not in a group";
// Up to this many groups each person's move is a select; beyond, a text field with the names to pick from, so a large cohort's page stays small.
const SELECT_UP_TO = 30;
const groupName = z.string({ required_error: "Give the group a name." }).trim().min(1, "Give the group a name.").max(120, "Keep the name under 120 characters.");
const groupId = z.string({ required_error: "Choose a group from the list." }).uuid("Choose a group from the list.");
const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("move"),
      userId: z.string({ required_error: "Choose a person." }).uuid("Choose a person from the list."),
      toGroup: z
        .string({ required_error: "Choose the group to move them to." })
        .trim()
        .min(1, "Choose the group to move them to.")
        .max(120, "Choose the group to move them to.")
        .transform((v) => (v.toLowerCase() === NOT_IN_A_GROUP.toLowerCase() ? null : v)),
    }),
    z.object({ intent: z.literal("facilitator"), groupId, facilitatorId: optionalId }),
    z.object({ intent: z.literal("add-group"), name: groupName }),
    z.object({ intent: z.literal("rename"), groupId, name: groupName }),
  ],
  { errorMap: () => ({ message: "Choose what to do from the page." }) },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await loadFormationScreen(context.services.db, user, cohortIdOf(params)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const cohortId = cohortIdOf(params);
  const { db } = context.services;
  // Scope first: another organisation's cohort is a 404 whatever the form says.
  await findCohort(db, user, cohortId);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (edit) => {
    // The edit applies to the formation as it stands under the cohort's lock, not as this page last read it.
    await applyFormation(db, user, cohortId, (current) => editFormation(current, edit));
    return redirect(`/org/cohorts/${cohortId}/groups?saved=${edit.intent}`);
  });
}

function Tally({ label, items }: { label: string; items: { name: string; n: number }[] }) {
  if (items.length === 0) return null;
  return (
    <p className="muted">
      {label}: {items.map((i) => `${i.name} ${i.n}`).join(", ")}
    </p>
  );
}

// A component of its own, not one made inside FormGroups: a component type made
// anew on each render remounts its forms, and a person's half-made choice in a
// select would be reset whenever the page re-renders.
function MoveForm({ person, from, targets, asSelect }: { person: { id: string; name: string }; from: string; targets: string[]; asSelect: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="userId" value={person.id} />
      <label>
        <span className="visually-hidden">Move {person.name} to</span>
        {asSelect ? (
          <select name="toGroup" defaultValue={from}>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        ) : (
          <input name="toGroup" list="formation-groups" placeholder="Group name" maxLength={120} required />
        )}
      </label>{" "}
      <button type="submit" aria-label={`Move ${person.name}`}>
        Move
      </button>
    </Form>
  );
}

export default function FormGroups() {
  const { cohort, groups, unplaced, facilitators, check, finished, sponsorshipEnded } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const targets = [...groups.map((g) => g.name), NOT_IN_A_GROUP];
  const asSelect = groups.length <= SELECT_UP_TO;
  return (
    <>
      <p>
        <Link to={`/org/cohorts/${cohort.id}`}>Back to {cohort.name}</Link>
      </p>
      <h2>Form the groups of {cohort.name}</h2>
      <p className="muted">
        Groups of {cohort.groupSizeMin} to {cohort.groupSizeMax} members, each with a facilitator. Mixing departments and sites helps people learn from each other.
      </p>
      {params.get("saved") === "published" ? <Notice>The groups are published and each person has been told their group. Choose a facilitator for each group below.</Notice> : params.get("saved") ? <Notice>Saved.</Notice> : null}
      {sponsorshipEnded ? <p role="status">The organisation no longer sponsors this cohort, so its groups cannot be formed again. They are shown as they ended.</p> : null}
      {finished.length ? (
        <section className="card" aria-labelledby="finished-title">
          <h3 id="finished-title">Finished groups ({finished.length})</h3>
          <p className="muted">
            Their cycle ended without a vote to continue. They keep their members and history; their members count as not in a group for the next formation, which{" "}
            <Link to={`/org/cohorts/${cohort.id}/formation`}>the formation engine</Link> can re-form.
          </p>
          <ul>
            {finished.map((g) => (
              <li key={g.id}>
                {g.name} <span className="muted">({g.members} members)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {asSelect ? null : (
        <datalist id="formation-groups">
          {targets.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      )}
      <FormError message={errors.formError ?? Object.values(errors.fieldErrors)[0]} />
      {check.warnings.length ? (
        <div className="notice" role="status">
          <ul>
            {check.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {groups.map((g) => (
        <section key={g.id} className="card" aria-labelledby={`group-${g.id}`}>
          <h3 id={`group-${g.id}`}>
            {g.name} <span className="muted">({g.members.length} members)</span>
          </h3>
          <Tally label="Departments" items={g.departments} />
          <Tally label="Sites" items={g.sites} />
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="facilitator" />
            <input type="hidden" name="groupId" value={g.id} />
            <label>
              Facilitator{" "}
              <select name="facilitatorId" defaultValue={g.facilitatorId ?? ""}>
                <option value="">No facilitator yet</option>
                {facilitators.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button type="submit">Set facilitator</button>
          </Form>
          {g.members.length ? (
            <ul>
              {g.members.map((m) => (
                <li key={m.id}>
                  {m.name} <span className="muted">{[m.department, m.site].filter(Boolean).join(" · ")}</span> <MoveForm targets={targets} asSelect={asSelect} person={m} from={g.name} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nobody in this group yet.</p>
          )}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="groupId" value={g.id} />
            <label>
              Name <input name="name" defaultValue={g.name} maxLength={120} required />
            </label>{" "}
            <button type="submit">Rename</button>
          </Form>
        </section>
      ))}
      <section className="card" aria-labelledby="unplaced-title">
        <h3 id="unplaced-title">Not in a group ({unplaced.length})</h3>
        {unplaced.length ? (
          <ul>
            {unplaced.map((p) => (
              <li key={p.id}>
                {p.name} <span className="muted">{[p.department, p.site].filter(Boolean).join(" · ")}</span> <MoveForm targets={targets} asSelect={asSelect} person={p} from={NOT_IN_A_GROUP} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Everyone enrolled is in a group.</p>
        )}
      </section>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add-group" />
        <div className="field">
          <label htmlFor="new-group">New group's name</label>
          <input id="new-group" name="name" maxLength={120} defaultValue={errors.values.intent === "add-group" ? errors.value("name", "") : ""} />
        </div>
        <div>
          <button type="submit">Add a group</button>
        </div>
      </Form>
    </>
  );
}
