// A group's meetings: those to come, the cancelled ones apart, and those
// past, each with the module the group chose, and the form to schedule the
// next ones. Members
// only; everyone else gets a 404. Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, SelectField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TimeZoneField } from "~/components/time-zone-field";
import { useFormat } from "~/components/use-format";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { findGroupSpace } from "~/domain/groups/load-group.server";
import { chooseMeetingModule } from "~/domain/groups/meetings/choose-meeting-module.server";
import { listGroupMeetings } from "~/domain/groups/meetings/list-group-meetings.server";
import { chooseModuleSchema, MAX_MEETINGS_IN_SERIES, scheduleMeetingSchema } from "~/domain/groups/meetings/meeting-fields";
import { scheduleGroupMeeting } from "~/domain/groups/meetings/schedule-group-meeting.server";
import { pageTitle } from "~/domain/i18n/translators";
import { formatSlot } from "~/domain/reunions/format-slot";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "groups:meetings.titleOf" : "groups:meetings.title", { group: data?.group.name ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await listGroupMeetings(context.services.db, user, params.id ?? "");
  return json({ ...page, zones: listTimeZones(), viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // A non-member gets a 404 whatever the form says.
  const { id } = await findGroupSpace(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/groups/${id}/meetings`;
  switch (formData.get("intent")) {
    case "schedule":
      return submitForm(formData, scheduleMeetingSchema, async (input) => {
        const first = await scheduleGroupMeeting(db, user, id, input);
        return redirect(`${here}#meeting-${first}`);
      });
    case "choose-module":
      return submitForm(formData, chooseModuleSchema, async (input) => {
        await chooseMeetingModule(db, user, id, input.meetingId, input.moduleId);
        return redirect(`${here}#meeting-${input.meetingId}`);
      });
    default:
      return invalid(formData, { form: "org:settings.errors.unknownIntent" });
  }
}

type Meeting = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

export default function GroupMeetings() {
  const { group, upcoming, cancelled, past, moduleChoices, maySchedule, zones, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // Forms that add something empty themselves after it is saved; a refusal keeps the text.
  const fresh = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("groups");
  const format = useFormat();
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const moduleOptions = [{ value: "", label: t("meetings.noModule") }, ...moduleChoices.map((m) => ({ value: m.id, label: m.title }))];

  const meetingItem = (m: Meeting) => {
    const when = m.startsAt && m.endsAt ? formatSlot(m.startsAt, m.endsAt, viewerZone, format.language) : t("meetings.noDate");
    const chosenHere = posted === "choose-module" && errors.values.meetingId === m.id;
    return (
      <li key={m.id} id={`meeting-${m.id}`} className="card">
        <h3>
          <Link to={`/groups/${group.id}/meetings/${m.id}`}>{m.title}</Link>
        </h3>
        <p>
          {when}
          {m.status !== "scheduled" ? <strong> · {t(`reunions:statuses.${m.status}`)}</strong> : null}
          {m.occurrence ? <span className="muted"> · {t("meetings.ofSeries", { number: m.occurrence })}</span> : null}
        </p>
        {m.location || m.onlineUrl ? <p className="muted comment__body">{[m.location, m.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
        <p>
          {t("meetings.module")}{" "}
          {m.module ? (
            m.module.readable ? (
              <>
                <Link to={`/modules/${m.module.slug}`}>{m.module.title}</Link> ·{" "}
                <Link to={`/modules/${m.module.slug}/session`}>
                  <Trans t={t} i18nKey="meetings.runSession" values={{ title: m.module.title }} components={{ hidden: <span className="visually-hidden" /> }} />
                </Link>
              </>
            ) : (
              <>{t("meetings.notAvailable", { title: m.module.title })}</>
            )
          ) : (
            <span className="muted">{t("meetings.moduleNotChosen")}</span>
          )}
        </p>
        {m.status === "cancelled" ? null : (
          <p>
            <Link to={`/reunions/${m.id}`}>
              <Trans t={t} i18nKey={m.over ? "meetings.whoWent" : "meetings.answer"} values={{ title: m.title, when }} components={{ hidden: <span className="visually-hidden" /> }} />
            </Link>
          </p>
        )}
        {m.status !== "cancelled" && m.mayChooseModule ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="meetingId" value={m.id} />
            <FormError message={chosenHere ? errors.formError : undefined} />
            <SelectField
              label={t("meetings.moduleFor", { title: m.title, when })}
              name="moduleId"
              defaultValue={chosenHere ? (errors.value("moduleId", "") ?? "") : (m.moduleId ?? "")}
              options={moduleOptions}
              error={chosenHere ? errors.fieldErrors.moduleId : undefined}
            />
            <div>
              <button type="submit" name="intent" value="choose-module" className="button--secondary" disabled={busy}>
                <Trans t={t} i18nKey="meetings.chooseModule" values={{ title: m.title, when }} components={{ hidden: <span className="visually-hidden" /> }} />
              </button>
            </div>
          </Form>
        ) : null}
      </li>
    );
  };

  return (
    <section aria-labelledby="meetings-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="meetings-title">{t("meetings.heading", { group: group.name })}</h1>
      <GroupSpaceNav groupId={group.id} convener={group.convener} programme={group.programme} />
      {posted !== "choose-module" ? <FormError message={errors.formError} /> : null}

      <h2>{t("meetings.comingUp")}</h2>
      {upcoming.length ? <ol className="cards">{upcoming.map(meetingItem)}</ol> : <p className="muted">{maySchedule ? t("meetings.noneMaySchedule") : t("meetings.none")}</p>}

      {cancelled.length ? (
        <section aria-labelledby="cancelled-title" className="muted">
          <h2 id="cancelled-title">{t("meetings.cancelled")}</h2>
          <ol className="cards">{cancelled.map(meetingItem)}</ol>
        </section>
      ) : null}

      <h2>{t("meetings.past")}</h2>
      {past.length ? <ol className="cards">{past.map(meetingItem)}</ol> : <p className="muted">{t("meetings.nonePast")}</p>}

      {group.programme ? (
        <p>
          <Trans t={t} i18nKey="meetings.cycleLink" components={{ a: <Link to={`/groups/${group.id}/cycle`} /> }} />
        </p>
      ) : null}
      {maySchedule ? (
        <>
          <h2 id="schedule-title">{t("meetings.schedule")}</h2>
          <p className="muted">{t("meetings.scheduleIntro")}</p>
          <Form key={fresh("schedule")} method="post" className="stack wide" noValidate aria-labelledby="schedule-title">
            <TextField label={t("meetings.fields.title")} name="title" required defaultValue={kept("schedule", "title", t("meetings.defaultTitle", { group: group.name }))} error={errorFor("schedule", "title")} />
            <DayAndTimesFields value={(name) => kept("schedule", name)} errors={posted === "schedule" ? errors.fieldErrors : {}} />
            <TimeZoneField zones={zones} defaultValue={kept("schedule", "timeZone", viewerZone)} error={errorFor("schedule", "timeZone")} />
            <TextField label={t("meetings.fields.place")} name="location" hint={t("meetings.fields.placeHint")} defaultValue={kept("schedule", "location")} error={errorFor("schedule", "location")} />
            <TextField label={t("meetings.fields.onlineLink")} name="onlineUrl" type="url" hint={t("meetings.fields.linkHint")} defaultValue={kept("schedule", "onlineUrl")} error={errorFor("schedule", "onlineUrl")} />
            <TextField
              label={t("meetings.fields.repeatCount")}
              name="repeatCount"
              inputMode="numeric"
              hint={t("meetings.fields.repeatCountHint", { max: MAX_MEETINGS_IN_SERIES })}
              defaultValue={kept("schedule", "repeatCount", "1")}
              error={errorFor("schedule", "repeatCount")}
            />
            <SelectField
              label={t("meetings.fields.module")}
              name="moduleId"
              hint={t("meetings.fields.moduleHint")}
              defaultValue={kept("schedule", "moduleId")}
              options={moduleOptions}
              error={errorFor("schedule", "moduleId")}
            />
            <div>
              <button type="submit" name="intent" value="schedule" disabled={busy}>
                {busy ? t("common:actions.saving") : t("meetings.scheduleSubmit")}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
