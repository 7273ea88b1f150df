// One meeting of a programme cycle: the module vote and its confirmation,
// attendance and self check-in, handing over to a member host, and the
// wrap-up. Members and the facilitator of its group only; a 404 for anyone
// else. (programme_ : not nested in the programme page.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup, SelectField, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { canRunCycleMeeting, isCycleMember, isGroupFacilitator } from "~/domain/policy";
import { PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { findCycleMeeting } from "~/domain/programme/load-programme-group.server";
import { checkInToMeeting, recordAttendance } from "~/domain/programme/meetings/attendance.server";
import { handOverMeeting } from "~/domain/programme/meetings/handover.server";
import { loadCycleMeetingPage } from "~/domain/programme/meetings/load-meeting-page.server";
import {
  ATTENDANCE_STATUSES,
  attendanceSchema,
  confirmModuleSchema,
  handOverSchema,
  hostRatingSchema,
  MAX_RECAP_LENGTH,
  recapSchema,
  SCORE_OPTIONS,
  voteSchema,
} from "~/domain/programme/meetings/meeting-fields";
import { confirmModule, voteForModule } from "~/domain/programme/meetings/module-vote.server";
import { confirmAttendance, rateMeeting, sendRecap } from "~/domain/programme/meetings/wrap-up.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { useFormat } from "~/components/use-format";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { z } from "zod";
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { personName } from "~/domain/people/person-name";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "programme:meeting.title", { number: data.meeting.number, group: data.group.name }) : pageTitle(matches, "programme:meeting.titleUnknown");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadCycleMeetingPage(context.services.db, user, params.meetingId ?? "");
  return json({ ...page, viewer: { id: user.id, timeZone: user.timeZone } });
}

const noFields = z.object({});
const RUN_INTENTS = new Set(["confirm-module", "attendance", "rate", "confirm-attendance", "recap"]);
const MEMBER_INTENTS = new Set(["vote", "check-in"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const id = params.meetingId ?? "";
  // A stranger to the meeting gets its 404, and someone without the right a 403, before the form is checked.
  const found = await findCycleMeeting(db, user, id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const access = found.group.access;
  const allowed = RUN_INTENTS.has(String(intent))
    ? canRunCycleMeeting(user, access, found.cycleMeeting)
    : intent === "hand-over"
      ? isGroupFacilitator(user, access)
      : MEMBER_INTENTS.has(String(intent))
        ? isCycleMember(user, access)
        : true;
  if (!allowed) throw new ForbiddenError(intent === "hand-over" ? "programme:meeting.errors.onlyFacilitatorHandsOver" : RUN_INTENTS.has(String(intent)) ? "programme:meeting.errors.onlyRunners" : "programme:meeting.errors.onlyMembers");
  const here = (saved: string, anchor: string) => redirect(`/programme/meetings/${id}?saved=${saved}#${anchor}`);
  switch (intent) {
    case "vote":
      return submitForm(formData, voteSchema, async (input) => {
        await voteForModule(db, user, id, input.moduleId);
        return here("vote", "module");
      });
    case "confirm-module":
      return submitForm(formData, confirmModuleSchema, async (input) => {
        await confirmModule(db, user, id, input.moduleId);
        return here("module", "module");
      });
    case "attendance":
      return submitForm(formData, attendanceSchema, async (entries) => {
        await recordAttendance(db, user, id, entries);
        return here("attendance", "attendance");
      });
    case "check-in":
      return submitForm(formData, noFields, async () => {
        await checkInToMeeting(db, user, id);
        return here("check-in", "attendance");
      });
    case "hand-over":
      return submitForm(formData, handOverSchema, async (input) => {
        await handOverMeeting(db, user, id, input.hostId);
        return here("host", "host");
      });
    case "rate":
      return submitForm(formData, hostRatingSchema, async (input) => {
        await rateMeeting(db, user, id, input.hostRating);
        return here("rating", "wrap-up");
      });
    case "confirm-attendance":
      return submitForm(formData, noFields, async () => {
        await confirmAttendance(db, user, id);
        return here("confirmed", "wrap-up");
      });
    case "recap":
      return submitForm(formData, recapSchema, async (input) => {
        await sendRecap(db, user, id, input.recap);
        return here("recap", "wrap-up");
      });
    default:
      return invalid(formData, { form: "programme:meeting.errors.unknownIntent" });
  }
}

// What ?saved= says, by its value.
const SAVED = new Set(["vote", "module", "attendance", "check-in", "host", "rating", "confirmed", "recap"]);

const percent = (x: number) => Math.round(x * 100);

export default function CycleMeeting() {
  const data = useLoaderData<typeof loader>();
  const { meeting, group, host, members, candidates, confirmedModule, myVote, myAttendance, figures, may, stepBack, evaluation, viewer } = data;
  const errors = useFormErrors();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation("programme");
  const format = useFormat();
  const savedKey = search.get("saved") ?? "";
  const saved = SAVED.has(savedKey) ? t(`meeting.saved.${savedKey}`) : null;
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const formErrorFor = (intent: string) => (posted === intent ? errors.formError : undefined);
  const sessionLink = confirmedModule ? `/modules/${confirmedModule.slug}/session?meeting=${meeting.id}` : null;

  return (
    <article aria-labelledby="meeting-title">
      <p className="muted">
        <Link to="/programme">{t("meeting.crumbProgramme")}</Link> · <Link to={`/groups/${group.id}/cycle`}>{t("meeting.crumbCycle", { group: group.name })}</Link>
      </p>
      <h1 id="meeting-title">
        {t("meeting.heading", { number: meeting.number, of: meeting.of, group: group.name })}
      </h1>
      {saved ? <Notice>{saved}</Notice> : null}
      <p>
        {meeting.startsAt && meeting.endsAt ? formatSlot(meeting.startsAt, meeting.endsAt, viewer.timeZone, format.language) : t("meeting.dateNotSet")}
        {meeting.cancelled ? <strong>{` · ${t("meeting.cancelled")}`}</strong> : null}
      </p>
      {meeting.location || meeting.onlineUrl ? <p className="muted comment__body">{[meeting.location, meeting.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
      <p>
        <Link to={`/reunions/${meeting.id}`}>{t("meeting.invitation")}</Link>
      </p>
      {posted === undefined && errors.formError ? <FormError message={errors.formError} /> : null}

      <section aria-labelledby="host-title" id="host">
        <h2 id="host-title">{t("meeting.host.heading")}</h2>
        <p>
          {host ? (
            <Trans t={t} i18nKey={`meeting.host.${host.role}${meeting.ended ? "Ran" : "Runs"}`} values={{ name: personName(host.name, t) }} components={{ strong: <strong /> }} />
          ) : (
            t("meeting.host.none")
          )}
        </p>
        {may.handOver ? (
          <>
            {stepBack ? <p className={stepBack.suggest ? "notice" : "muted"}>{stepBack.suggest ? t("meeting.host.suggestion", { reason: translateNestedMessage(i18n, stepBack.reason) }) : translateNestedMessage(i18n, stepBack.reason)}</p> : null}
            {meeting.number >= group.handoverFrom || host?.role === "member" ? (
              <Form method="post" className="stack" noValidate>
                <FormError message={formErrorFor("hand-over")} />
                <SelectField
                  label={t("meeting.host.label")}
                  name="hostId"
                  defaultValue={posted === "hand-over" ? errors.value("hostId", "") : (host?.id ?? "")}
                  options={[
                    { value: viewer.id, label: t("meeting.host.me") },
                    ...(meeting.number >= group.handoverFrom ? members.map((m) => ({ value: m.id, label: m.name })) : []),
                  ]}
                  error={errorFor("hand-over", "hostId")}
                />
                <div>
                  <button type="submit" name="intent" value="hand-over" className="button--secondary" disabled={busy}>
                    {t("meeting.host.save")}
                  </button>
                </div>
              </Form>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="module-title" id="module">
        <h2 id="module-title">{t("meeting.module.heading")}</h2>
        {confirmedModule ? (
          <p>
            <Trans
              t={t}
              i18nKey={meeting.moduleConfirmedAt ? "meeting.module.confirmed" : "meeting.module.planned"}
              values={{ title: confirmedModule.title }}
              components={{ a: <Link to={`/modules/${confirmedModule.slug}`} /> }}
            />
            {may.runSession && sessionLink ? (
              <>
                {" · "}
                <Link to={sessionLink}>{t("meeting.module.runSession")}</Link>
              </>
            ) : sessionLink ? (
              <>
                {" · "}
                <Link to={sessionLink}>{t("meeting.module.followSession")}</Link>
              </>
            ) : null}
          </p>
        ) : meeting.cancelled ? (
          <p>{t("meeting.module.noneChosen")}</p>
        ) : (
          <p className="muted">{t("meeting.module.notConfirmed")}</p>
        )}
        <FormError message={errorFor("vote", "moduleId") ?? errorFor("confirm-module", "moduleId") ?? formErrorFor("vote") ?? formErrorFor("confirm-module")} />
        {candidates.length === 0 ? (
          <p className="muted">{t("meeting.module.noModules")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("meeting.module.columns.module")}</th>
                <th scope="col">{t("meeting.module.columns.votes")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("meeting.module.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/modules/${m.slug}`}>{m.title}</Link>
                    {m.alreadyRun ? <span className="muted">{` · ${t("meeting.module.alreadyRun")}`}</span> : null}
                    {myVote === m.id ? <strong>{` · ${t("meeting.module.yourVote")}`}</strong> : null}
                  </th>
                  <td>{m.votes}</td>
                  <td>
                    {may.vote && myVote !== m.id ? (
                      <Form method="post">
                        <input type="hidden" name="moduleId" value={m.id} />
                        <button type="submit" name="intent" value="vote" className="button--secondary" disabled={busy}>
                          <Trans t={t} i18nKey="meeting.module.vote" values={{ title: m.title }} components={{ span: <span className="visually-hidden" /> }} />
                        </button>
                      </Form>
                    ) : null}
                    {may.confirm && meeting.moduleId !== m.id ? (
                      <Form method="post">
                        <input type="hidden" name="moduleId" value={m.id} />
                        <button type="submit" name="intent" value="confirm-module" disabled={busy}>
                          <Trans t={t} i18nKey="meeting.module.confirm" values={{ title: m.title }} components={{ span: <span className="visually-hidden" /> }} />
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="attendance-title" id="attendance">
        <h2 id="attendance-title">{t("meeting.attendance.heading")}</h2>
        {myAttendance ? <p>{t("meeting.attendance.youAre", { status: t(`attendance.${myAttendance}`) })}</p> : null}
        {may.checkIn && myAttendance !== "present" ? (
          <Form method="post">
            <FormError message={formErrorFor("check-in")} />
            <button type="submit" name="intent" value="check-in" disabled={busy}>
              {t("meeting.attendance.checkIn")}
            </button>
          </Form>
        ) : formErrorFor("check-in") ? (
          <FormError message={formErrorFor("check-in")} />
        ) : data.myAttendance === null && !meeting.ended && !meeting.cancelled && data.checkInOpensAt && !may.record ? (
          <p className="muted">{t("meeting.attendance.checkInFrom", { at: format.dateTime(data.checkInOpensAt, viewer.timeZone) })}</p>
        ) : null}
        {may.record ? (
          <Form method="post" className="stack" noValidate>
            <FormError message={formErrorFor("attendance")} />
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("meeting.attendance.member")}</th>
                  <th scope="col">{t("meeting.attendance.heading")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>
                      <select
                        name={`status.${m.id}`}
                        aria-label={t("meeting.attendance.of", { name: m.name })}
                        defaultValue={posted === "attendance" ? errors.value(`status.${m.id}`, "") : (m.status ?? "")}
                        aria-invalid={errorFor("attendance", `status.${m.id}`) ? true : undefined}
                      >
                        <option value="">{t("meeting.attendance.notRecorded")}</option>
                        {ATTENDANCE_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`attendance.${s}`)}
                          </option>
                        ))}
                      </select>
                      {errorFor("attendance", `status.${m.id}`) ? <p className="field__error">{errorFor("attendance", `status.${m.id}`)}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              <button type="submit" name="intent" value="attendance" disabled={busy}>
                {t("meeting.attendance.save")}
              </button>
            </div>
          </Form>
        ) : null}
        <p className="muted">
          {figures.attendance.shown
            ? t("meeting.attendance.figures", { percent: percent(figures.attendance.value), people: figures.attendance.people })
            : t("meeting.attendance.withheld", { floor: PRIVACY_FLOOR })}
        </p>
      </section>

      {meeting.ended && !meeting.cancelled ? (
        <section aria-labelledby="evaluation-title" id="evaluation">
          <h2 id="evaluation-title">{t("meeting.evaluation.heading")}</h2>
          {evaluation ? (
            evaluation.refusal ? (
              <p className="muted">{t(evaluation.refusal)}</p>
            ) : (
              <p>
                <Link to={`/programme/meetings/${meeting.id}/evaluate`}>{t("meeting.evaluation.answer")}</Link>
              </p>
            )
          ) : null}
          {figures.evaluation.shown ? (
            <>
              <p>
                {t("meeting.evaluation.figures", {
                  usefulness: figures.evaluation.value.usefulness.toFixed(1),
                  safety: figures.evaluation.value.safety.toFixed(1),
                  willTry: percent(figures.evaluation.value.willTry),
                  count: figures.evaluation.people,
                })}
              </p>
              {figures.evaluation.value.comments.length ? (
                <ul className="takeaway-list" aria-label={t("meeting.evaluation.comments")}>
                  {figures.evaluation.value.comments.map((c, i) => (
                    <li key={i} className="comment__body">
                      {c}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p className="muted">{t("meeting.evaluation.withheld", { floor: PRIVACY_FLOOR })}</p>
          )}
        </section>
      ) : null}

      {may.wrapUp ? (
        <section aria-labelledby="wrap-up-title" id="wrap-up" className="card">
          <h2 id="wrap-up-title">{t("meeting.wrapUp.heading")}</h2>
          <Form method="post" className="stack" noValidate>
            <RadioGroup
              legend={t("meeting.wrapUp.rating")}
              name="hostRating"
              selected={posted === "rate" ? errors.value("hostRating") : meeting.hostRating ? String(meeting.hostRating) : undefined}
              options={SCORE_OPTIONS}
              error={errorFor("rate", "hostRating")}
            />
            <div>
              <button type="submit" name="intent" value="rate" className="button--secondary" disabled={busy}>
                {t("meeting.wrapUp.saveRating")}
              </button>
            </div>
          </Form>
          <Form method="post" className="stack">
            <FormError message={formErrorFor("confirm-attendance")} />
            {meeting.attendanceConfirmedAt ? <p>{t("meeting.wrapUp.confirmedAt", { at: format.dateTime(meeting.attendanceConfirmedAt, viewer.timeZone) })}</p> : null}
            <div>
              <button type="submit" name="intent" value="confirm-attendance" className="button--secondary" disabled={busy}>
                {meeting.attendanceConfirmedAt ? t("meeting.wrapUp.confirmAgain") : t("meeting.wrapUp.confirm")}
              </button>
            </div>
          </Form>
          {meeting.recapSentAt ? (
            <>
              <h3>{t("meeting.wrapUp.recapSent", { at: format.dateTime(meeting.recapSentAt, viewer.timeZone) })}</h3>
              <p className="comment__body">{meeting.recap}</p>
            </>
          ) : (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField
                label={t("meeting.wrapUp.recapLabel")}
                name="recap"
                rows={4}
                maxLength={MAX_RECAP_LENGTH}
                defaultValue={posted === "recap" ? errors.value("recap", "") : ""}
                error={errorFor("recap", "recap")}
                hint={t("meeting.wrapUp.recapHint")}
              />
              <div>
                <button type="submit" name="intent" value="recap" disabled={busy}>
                  {t("meeting.wrapUp.sendRecap")}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : meeting.recapSentAt ? (
        <section aria-labelledby="recap-title">
          <h2 id="recap-title">{t("meeting.recap")}</h2>
          <p className="comment__body">{meeting.recap}</p>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
