// Forming a cohort's groups, steps 2 to 5 on one page: a run's progress; its
// proposal compared with a random split and a split by department; adjusting
// it (drag a person to another group, or onto a person to swap; pin people
// and re-run around them) with the score and every group's line recomputed
// in the browser at once; and publishing it. Each adjustment is saved as it
// is made, so nothing is lost if the page closes.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetchers, useLoaderData, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useState, type DragEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { FormError } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { reportPlan } from "~/domain/formation/plan-report";
import type { FormationProblem } from "~/domain/formation/problem";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { pageTitle } from "~/domain/i18n/translators";
import { planEditSchema } from "~/domain/programme/forming/formation-fields";
import { findCohortForFormation } from "~/domain/programme/forming/formation-context.server";
import { loadFormationPlan } from "~/domain/programme/forming/formation-pages.server";
import { cancelFormation, editFormationPlan, proposeFormation, publishFormation } from "~/domain/programme/forming/formation-plans.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "cohorts:plan.title", { name: data.cohort.name }) : pageTitle(matches, "cohorts:plan.titleUnknown");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await loadFormationPlan(context.services.db, user, params.cohortId ?? "", params.planId ?? "", context.language));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db, formationRuns } = context.services;
  const cohortId = params.cohortId ?? "";
  const planId = params.planId ?? "";
  // Scope first: another organisation's cohort is a 404 whatever the form says.
  await findCohortForFormation(db, user, cohortId);
  const formData = await readFormData(request);
  const here = `/org/cohorts/${cohortId}/formation/${planId}`;
  return submitForm(formData, planEditSchema, async (edit) => {
    switch (edit.intent) {
      case "cancel":
        await cancelFormation(db, formationRuns, user, cohortId, planId);
        return redirect(here);
      case "rerun":
        return redirect(`/org/cohorts/${cohortId}/formation/${await proposeFormation(db, formationRuns, user, cohortId, { from: planId })}`);
      case "publish":
        await publishFormation(db, user, cohortId, planId, context.language);
        return redirect(`/org/cohorts/${cohortId}/groups?saved=published`);
      default:
        await editFormationPlan(db, user, cohortId, planId, edit);
        // The drag and drop posts without navigating and reads this; a plain form post comes back to the page.
        return formData.get("js") === "1" ? json({ ok: true }) : redirect(here);
    }
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Proposal = NonNullable<Data["proposal"]>;

function Running({ plan }: { plan: Data["plan"] }) {
  const revalidator = useRevalidator();
  const { t } = useTranslation("cohorts");
  const format = useFormat();
  const number = (n: number) => format.number(Math.round(n));
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const ms = Math.min(plan.progressMs ?? 0, plan.timeLimitMs);
  return (
    <section className="card" aria-labelledby="running-title">
      <h2 id="running-title">{t("plan.running.heading")}</h2>
      <p>
        <label htmlFor="formation-progress">{t("plan.running.timeUsed")}</label>{" "}
        <progress id="formation-progress" max={plan.timeLimitMs} value={ms}>
          {Math.round((100 * ms) / plan.timeLimitMs)}%
        </progress>{" "}
        {t("plan.running.seconds", { used: Math.round(ms / 1000), limit: Math.round(plan.timeLimitMs / 1000) })}
      </p>
      <p aria-live="polite">
        {t("plan.running.best")} <strong data-testid="progress-score">{plan.progressValue === null ? t("plan.running.starting") : number(plan.progressValue)}</strong>
      </p>
      <p className="muted">{t("plan.running.leave")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="secondary">
          {t("plan.running.cancel")}
        </button>
      </Form>
    </section>
  );
}

type Edit = { intent: "move"; userId: string; toGroup: number } | { intent: "swap"; userId: string; otherId: string } | { intent: "pin"; userId: string; pinned: boolean };

function editOf(form: FormData | undefined): Edit | null {
  if (!form || form.get("js") !== "1") return null;
  const intent = form.get("intent");
  const userId = String(form.get("userId") ?? "");
  if (intent === "move") return { intent, userId, toGroup: Number(form.get("toGroup")) };
  if (intent === "swap") return { intent, userId, otherId: String(form.get("otherId") ?? "") };
  if (intent === "pin") return { intent, userId, pinned: form.get("pinned") === "on" };
  return null;
}

/** The proposal as the admin sees it: the saved plan with the adjustments still on their way applied. */
function applyEdits(proposal: Proposal, edits: Edit[]) {
  const index = new Map(proposal.people.map((p, i) => [p.id, i]));
  const assignment = [...proposal.assignment];
  const pinned = new Set(proposal.pinned);
  for (const e of edits) {
    const i = index.get(e.userId);
    if (i === undefined) continue;
    if (e.intent === "move") assignment[i] = e.toGroup;
    else if (e.intent === "swap") {
      const j = index.get(e.otherId);
      if (j !== undefined) [assignment[i], assignment[j]] = [assignment[j]!, assignment[i]!];
    } else if (e.pinned) pinned.add(e.userId);
    else pinned.delete(e.userId);
  }
  return { assignment, pinned };
}

function ProposalView({ proposal }: { proposal: Proposal }) {
  const submit = useSubmit();
  const fetchers = useFetchers();
  const { t, i18n } = useTranslation("cohorts");
  const format = useFormat();
  const number = (n: number) => format.number(Math.round(n));
  const say = (text: string) => translateNestedMessage(i18n, text);
  const [dragged, setDragged] = useState<string | null>(null);
  const pending = fetchers.filter((f) => f.state !== "idle").map((f) => editOf(f.formData)).filter((e): e is Edit => e !== null);
  const failed = fetchers.map((f) => (f.data as { formError?: string; fieldErrors?: Record<string, string> } | undefined)).find((d) => d && (d.formError || d.fieldErrors));
  const { assignment, pinned } = applyEdits(proposal, pending);
  const groupCount = proposal.groupNames.length;
  // The problem is the attributes kind (plain arrays), so it arrives through JSON unchanged.
  const problem = proposal.problem as unknown as FormationProblem;
  const name = (g: number) => proposal.groupNames[g] ?? t("plan.newGroup", { number: g + 1 });
  // Recomputed on every render (each adjustment), in the browser, from the same problem the engine solved.
  const report = reportPlan(problem, assignment, groupCount, name);
  const members = proposal.groupNames.map(() => [] as number[]);
  assignment.forEach((g, i) => members[g]?.push(i));

  const send = (edit: Edit) => {
    const form = new FormData();
    form.set("js", "1");
    form.set("intent", edit.intent);
    form.set("userId", edit.userId);
    if (edit.intent === "move") form.set("toGroup", String(edit.toGroup));
    if (edit.intent === "swap") form.set("otherId", edit.otherId);
    if (edit.intent === "pin" && edit.pinned) form.set("pinned", "on");
    submit(form, { method: "post", navigate: false, fetcherKey: `plan-edit-${Date.now()}-${Math.random()}` });
  };
  const onDrop = (event: DragEvent, group: number, onto?: string) => {
    event.preventDefault();
    event.stopPropagation();
    const userId = event.dataTransfer.getData("text/plain") || dragged;
    setDragged(null);
    if (!userId) return;
    if (onto && onto !== userId) send({ intent: "swap", userId, otherId: onto });
    else if (!onto || onto === userId) {
      const i = proposal.people.findIndex((p) => p.id === userId);
      if (assignment[i] !== group) send({ intent: "move", userId, toGroup: group });
    }
  };
  const proposed = proposal.rows[0]!;
  return (
    <>
      <section className="card" aria-labelledby="compare-title">
        <h2 id="compare-title">{t("plan.compare.heading")}</h2>
        <p className="muted">{t("plan.compare.intro")}</p>
        <TableScroll label={t("plan.compare.heading")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("plan.compare.split")}</th>
                <th scope="col">{t("plan.compare.crossDepartment")}</th>
                <th scope="col">{t("plan.compare.crossSite")}</th>
                <th scope="col">{t("plan.compare.repeats")}</th>
                <th scope="col">{t("plan.compare.violations")}</th>
                <th scope="col">{t("plan.compare.score")}</th>
              </tr>
            </thead>
            <tbody>
              {proposal.rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label === "cohorts:plan.rows.proposal" ? t("plan.rows.proposalAsMade") : t(r.label)}</th>
                  <td>{number(r.crossDepartmentTies)}</td>
                  <td>{number(r.crossSiteTies)}</td>
                  <td>{number(r.repeats)}</td>
                  <td>{number(r.violations)}</td>
                  <td>{number(r.objective)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <img
          src={proposal.chart}
          width={640}
          height={280}
          alt={proposal.rows
            .map((r) => t("plan.compare.alt", { split: t(r.label), crossDepartment: r.crossDepartmentTies, crossSite: r.crossSiteTies, repeats: r.repeats, violations: r.violations }))
            .join(t("plan.compare.altSeparator"))}
        />
      </section>
      <section className="card" aria-labelledby="adjust-title">
        <h2 id="adjust-title">{t("plan.adjust.heading")}</h2>
        <p className="muted">{t("plan.adjust.intro")}</p>
        <p aria-live="polite" data-testid="live-score">
          <Trans t={t} i18nKey="plan.adjust.score" values={{ score: number(report.objective), proposed: number(proposed.objective) }} components={{ strong: <strong /> }} /> ·{" "}
          {t("plan.adjust.crossDepartment", { count: report.crossDepartmentTies, value: number(report.crossDepartmentTies) })} ·{" "}
          {t("plan.adjust.crossSite", { count: report.crossSiteTies, value: number(report.crossSiteTies) })} · {t("plan.adjust.repeats", { count: report.repeats, value: number(report.repeats) })}
        </p>
        {report.violations.length ? (
          <div className="notice notice--warning" role="alert">
            <p>{t("plan.adjust.breaks", { count: report.violations.length })}</p>
            <ul>
              {report.violations.slice(0, 20).map((v, k) => (
                <li key={k}>{say(v.message)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {failed ? <FormError message={say(failed.formError ?? Object.values(failed.fieldErrors ?? {})[0] ?? "")} /> : null}
        <div className="formation-groups">
          {members.map((list, g) => {
            const line = report.groups[g];
            return (
              <section
                key={g}
                className="card formation-group"
                aria-labelledby={`plan-group-${g}`}
                data-group={g}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, g)}
              >
                <h3 id={`plan-group-${g}`}>
                  {name(g)} <span className="muted">{t("plan.groupSize", { count: list.length })}</span>
                </h3>
                <p className="muted" data-testid="group-line">
                  {line ? say(line.line) : null}
                </p>
                {line?.violations.length ? <p className="field__error">{line.violations.map(say).join(" ")}</p> : null}
                <ul className="formation-members">
                  {list.map((i) => {
                    const p = proposal.people[i]!;
                    const isPinned = pinned.has(p.id);
                    return (
                      <li
                        key={p.id}
                        draggable
                        data-person={p.id}
                        onDragStart={(e) => {
                          e.dataTransfer.setData("text/plain", p.id);
                          setDragged(p.id);
                        }}
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={(e) => onDrop(e, g, p.id)}
                      >
                        <span className="formation-person">{p.name}</span> <span className="muted">{[p.department, p.site].filter(Boolean).join(" · ")}</span>{" "}
                        <label className="checkbox">
                          <input type="checkbox" checked={isPinned} onChange={(e) => send({ intent: "pin", userId: p.id, pinned: e.target.checked })} /> {t("plan.adjust.pin")}
                        </label>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="userId" value={p.id} />
                          <label>
                            <span className="visually-hidden">{t("groups.moveTo", { name: p.name })}</span>
                            <select name="toGroup" defaultValue={String(g)}>
                              {proposal.groupNames.map((n, k) => (
                                <option key={k} value={k}>
                                  {n}
                                </option>
                              ))}
                            </select>
                          </label>{" "}
                          <button type="submit" className="secondary" aria-label={t("groups.moveLabel", { name: p.name })}>
                            {t("groups.move")}
                          </button>
                        </Form>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </div>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="rerun" />
          <button type="submit" className="secondary" disabled={pinned.size === 0}>
            {t("plan.adjust.rerun", { count: pinned.size })}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="publish-title">
        <h2 id="publish-title">{t("plan.publish.heading")}</h2>
        <p>{t("plan.publish.intro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" disabled={pending.length > 0}>
            {t("plan.publish.submit", { count: groupCount })}
          </button>
        </Form>
      </section>
    </>
  );
}

export default function FormationPlan() {
  const data = useLoaderData<typeof loader>();
  const { cohort, plan } = data;
  const errors = useFormErrors();
  const { t, i18n } = useTranslation("cohorts");
  const say = (text: string) => translateNestedMessage(i18n, text);
  const posted = useActionData<{ formError?: string }>();
  const setup = `/org/cohorts/${cohort.id}/formation`;
  return (
    <>
      <p>
        <Link to={setup}>{t("plan.backToSetup")}</Link> · <Link to={`/org/cohorts/${cohort.id}`}>{cohort.name}</Link>
      </p>
      <h1>{t("plan.heading", { name: cohort.name })}</h1>
      <p className="muted">
        {t("plan.summary", { count: plan.people, groups: plan.groups })} · {t("plan.started", { when: plan.when })}
      </p>
      {/* The action's own message, translated here: why a plan no longer fits may hold a message inside the message. */}
      <FormError message={posted?.formError ? say(posted.formError) : Object.values(errors.fieldErrors)[0]} />
      {plan.status === "running" ? <Running plan={plan} /> : null}
      {plan.status === "cancelled" ? (
        <p role="status">
          <Trans t={t} i18nKey="plan.cancelled" components={{ a: <Link to={setup} /> }} />
        </p>
      ) : null}
      {plan.status === "failed" ? (
        <section className="card" aria-labelledby="failed-title">
          <h2 id="failed-title">{t("plan.failed.heading")}</h2>
          {plan.problems.length ? (
            <ul>
              {plan.problems.map((p, k) => (
                <li key={k}>{say(p.message)}</li>
              ))}
            </ul>
          ) : (
            <p role="alert">{plan.error ? say(plan.error) : t("plan.failed.noPlan")}</p>
          )}
          <p>
            <Trans t={t} i18nKey="plan.failed.again" components={{ a: <Link to={setup} /> }} />
          </p>
        </section>
      ) : null}
      {plan.status === "published" ? (
        <p role="status">
          <Trans t={t} i18nKey="plan.published" components={{ a: <Link to={`/org/cohorts/${cohort.id}/groups`} /> }} />
        </p>
      ) : null}
      {plan.status === "superseded" ? <p role="status">{t("plan.superseded")}</p> : null}
      {"stale" in data && data.stale ? (
        <p role="alert">
          <Trans t={t} i18nKey="plan.staleWithLink" values={{ why: say(data.stale) }} components={{ a: <Link to={setup} /> }} />
        </p>
      ) : null}
      {data.proposal ? <ProposalView proposal={data.proposal} /> : null}
    </>
  );
}
