import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { listMyGroups } from "~/domain/groups/my-groups.server";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { readModule } from "~/domain/modules/read-module.server";
import { MAX_TAKEAWAY_LENGTH } from "~/domain/modules/takeaway-fields";
import { listSharedTakeaways, recordTakeaway } from "~/domain/modules/takeaways.server";
import { recordWhoIsHere } from "~/domain/programme/meetings/attendance.server";
import { whoIsHereSchema } from "~/domain/programme/meetings/meeting-fields";
import { loadSessionMeeting } from "~/domain/programme/meetings/session-meeting.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser, safeRedirectPath } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "modules:session.titleOf" : "modules:session.title", { title: data?.module.title ?? "" });

const MAX_NAMES = 20;

/** The rota's names come from the URL (one per line), so a reload or a shared link keeps them. */
function namesFrom(search: URLSearchParams) {
  return (search.get("names") ?? "")
    .split(/\r?\n|,/)
    .map((n) => n.trim().slice(0, 60))
    .filter(Boolean)
    .slice(0, MAX_NAMES);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const module = await readModule(db, user, params.slug ?? "", { exact: true });
  const search = readSearchParams(request);
  const total = module.parts.pages.length;
  const step = Number(search.get("page") ?? "0");
  const page = Number.isInteger(step) && step >= 0 && step <= total + 1 ? step : 0;
  // Opened from a cycle meeting: a stranger to it gets its 404.
  const meetingId = search.get("meeting");
  const [groups, shared, meeting] = await Promise.all([
    listMyGroups(db, user.id),
    page === total + 1 ? listSharedTakeaways(db, user.id, module.id) : Promise.resolve([]),
    meetingId ? loadSessionMeeting(db, user, meetingId) : Promise.resolve(null),
  ]);
  return json({
    module: { id: module.id, slug: module.slug, title: module.title, pages: module.parts.pages, takeawaysHtml: module.parts.takeaways, introductionHtml: module.parts.introduction },
    page,
    total,
    names: namesFrom(search),
    groups: groups.map((g) => ({ id: g.id, name: g.name, members: g.members })),
    shared,
    meeting,
  });
}

const takeawaySchema = z.object({
  text: z
    .string({ required_error: "modules:session.errors.empty" })
    .trim()
    .min(1, "modules:session.errors.empty")
    .max(MAX_TAKEAWAY_LENGTH, message("modules:session.errors.tooLong", { max: MAX_TAKEAWAY_LENGTH })),
  shareWithGroupId: optionalId,
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const module = await readModule(db, user, params.slug ?? "", { exact: true });
  const formData = await readFormData(request);
  const url = new URL(request.url);
  const meetingId = url.searchParams.get("meeting");
  const meeting = meetingId ? await loadSessionMeeting(db, user, meetingId) : null;
  if (meeting && formData.get("intent") === "who-is-here") {
    return submitForm(formData, whoIsHereSchema, async (input) => {
      const here = await recordWhoIsHere(db, user, meeting.id, input.present);
      return redirect(stepHref(module.slug, 1, here.map((m) => m.name), meeting.id));
    });
  }
  return submitForm(formData, takeawaySchema, async (input) => {
    const id = await recordTakeaway(db, user, module.id, { ...input, meetingId: meeting?.id ?? null });
    // A new value per save, so the form below is fresh after each one.
    url.searchParams.set("saved", id);
    url.searchParams.set("visibility", input.shareWithGroupId ? "shared" : "private");
    return redirect(safeRedirectPath(url.pathname + url.search));
  });
}

function stepHref(slug: string, page: number, names: string[], meetingId?: string | null) {
  const search = new URLSearchParams({ page: String(page) });
  if (names.length) search.set("names", names.join("\n"));
  if (meetingId) search.set("meeting", meetingId);
  return `/modules/${slug}/session?${search}`;
}

export default function Session() {
  const data = useLoaderData<typeof loader>();
  const { module, page, total, names } = data;
  const meetingId = data.meeting?.id ?? null;
  const navigate = useNavigate();
  const { t } = useTranslation("modules");
  const prev = page > 0 ? stepHref(module.slug, page - 1, names, meetingId) : null;
  const next = page <= total ? stepHref(module.slug, page + 1, names, meetingId) : null;

  // Arrow keys move between pages, except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (e.key === "ArrowRight" && next && page > 0) navigate(next);
      if (e.key === "ArrowLeft" && prev && page > 1) navigate(prev);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [next, prev, page, navigate]);

  if (page === 0) return <SessionSetup data={data} />;
  if (page === total + 1) return <SessionEnd data={data} prev={prev!} />;

  const reader = names.length ? names[(page - 1) % names.length] : null;
  return (
    <section className="session" aria-labelledby="session-title">
      <p className="session__progress">
        <span id="session-title">{module.title}</span> · <strong>{t("session.pageOf", { page, total })}</strong>
      </p>
      {reader ? (
        <p className="session__reader" aria-live="polite">
          <Trans t={t} i18nKey="session.reader" values={{ name: reader }} components={{ strong: <strong /> }} />
        </p>
      ) : null}
      {/* Rendered on the server from the module schema and sanitised at publish time. */}
      <div className="session__page module-body" dangerouslySetInnerHTML={{ __html: module.pages[page - 1]! }} />
      <nav className="session__nav" aria-label={t("session.pages")}>
        {page > 1 ? (
          <Link to={prev!} rel="prev">
            {t("session.previous")}
          </Link>
        ) : (
          <Link to={stepHref(module.slug, 0, names, meetingId)}>{t("session.backToWhoIsHere")}</Link>
        )}
        <Link className="button" to={next!} rel="next">
          {page === total ? t("session.toTakeaways") : t("session.next")}
        </Link>
      </nav>
      <p className="muted session__hint">{t("session.tip")}</p>
    </section>
  );
}

type SessionData = ReturnType<typeof useLoaderData<typeof loader>>;

function SessionSetup({ data }: { data: SessionData }) {
    const { module, names, groups, meeting } = data;
    const { t } = useTranslation("modules");
    if (meeting?.runs) return <MeetingWhoIsHere data={data} />;
    const groupNames = groups[0]?.members ?? [];
    return (
      <section className="session" aria-labelledby="setup-title">
        <h1 id="setup-title">{module.title}</h1>
        <div className="module-body" dangerouslySetInnerHTML={{ __html: module.introductionHtml }} />
        <h2>{t("session.whoIsHere")}</h2>
        <p>{t("session.rota")}</p>
        <Form method="get" className="stack">
          <input type="hidden" name="page" value="1" />
          {meeting ? <input type="hidden" name="meeting" value={meeting.id} /> : null}
          <TextAreaField
            label={t("session.names")}
            name="names"
            rows={Math.max(4, groupNames.length + 1)}
            defaultValue={(names.length ? names : groupNames).join("\n")}
            hint={groups[0] ? t("session.namesFromGroup", { group: groups[0].name }) : t("session.namesHint")}
          />
          <div>
            <button type="submit">{t("session.start")}</button>
          </div>
        </Form>
      </section>
    );
  }

/** From a cycle meeting, for its facilitator or host: ticking the members who came records their attendance. */
function MeetingWhoIsHere({ data }: { data: SessionData }) {
  const { module, meeting } = data;
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const ticked = errors.values.present !== undefined ? new Set(errors.values.present.split("\n")) : null;
  const { t } = useTranslation("modules");
  if (!meeting) return null;
  return (
    <section className="session" aria-labelledby="setup-title">
      <h1 id="setup-title">{module.title}</h1>
      <p className="muted">
        <Link to={`/programme/meetings/${meeting.id}`}>
          {t("session.meetingOf", { meeting: meeting.number, group: meeting.groupName })}
        </Link>
      </p>
      <div className="module-body" dangerouslySetInnerHTML={{ __html: module.introductionHtml }} />
      <h2>{t("session.whoIsHere")}</h2>
      <p>{t("session.tickMembers")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.present} />
        <fieldset className="field">
          <legend>{t("session.membersOf", { group: meeting.groupName })}</legend>
          {meeting.members.map((m) => (
            <label key={m.id} className="checkbox">
              <input type="checkbox" name="present" value={m.id} defaultChecked={ticked ? ticked.has(m.id) : m.status === "present"} /> {m.name}
              {m.status === "excused" ? <span className="muted"> {t("session.excused")}</span> : null}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" name="intent" value="who-is-here" disabled={busy}>
            {t("session.recordAndStart")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function SessionEnd({ data, prev }: { data: SessionData; prev: string }) {
    const { module, groups, shared } = data;
    const errors = useFormErrors();
    const [search] = useSearchParams();
    const saving = useNavigation().state === "submitting";
    const saved = search.get("saved");
    const sharedSave = search.get("visibility") === "shared";
    const { t } = useTranslation("modules");
    return (
      <section className="session" aria-labelledby="end-title">
        <p className="session__progress">{module.title}</p>
        <h1 id="end-title">{t("reader.takeaways")}</h1>
        <p>{t("session.takeawaysIntro")}</p>
        <div className="module-body" dangerouslySetInnerHTML={{ __html: module.takeawaysHtml }} />
        {saved ? (
          <Notice>
            <Trans t={t} i18nKey={sharedSave ? "session.savedShared" : "session.savedPrivate"} components={{ home: <Link to="/" /> }} />
          </Notice>
        ) : null}
        <Form method="post" className="stack" key={saved ?? "new"} noValidate>
          {/* Without groups there is no "Who sees it" choice to show its error beside. */}
          <FormError message={errors.formError ?? (groups.length ? undefined : errors.fieldErrors.shareWithGroupId)} />
          <TextAreaField
            label={t("session.myTakeaway")}
            name="text"
            rows={4}
            maxLength={MAX_TAKEAWAY_LENGTH}
            defaultValue={errors.value("text")}
            error={errors.fieldErrors.text}
          />
          {groups.length ? (
            <fieldset className="field">
              <legend>{t("session.whoSees")}</legend>
              <label className="checkbox">
                <input type="radio" name="shareWithGroupId" value="" defaultChecked={!errors.value("shareWithGroupId")} /> {t("session.onlyMe")}
              </label>
              {groups.map((g) => (
                <label key={g.id} className="checkbox">
                  <input type="radio" name="shareWithGroupId" value={g.id} defaultChecked={errors.value("shareWithGroupId") === g.id} /> {t("session.shareWith", { group: g.name })}
                </label>
              ))}
              {errors.fieldErrors.shareWithGroupId ? <p className="field__error">{errors.fieldErrors.shareWithGroupId}</p> : null}
            </fieldset>
          ) : null}
          <div>
            <button type="submit" disabled={saving}>
              {saving ? t("common:actions.saving") : t("session.save")}
            </button>
          </div>
        </Form>
        {shared.length ? (
          <>
            <h2>{t("session.sharedInGroup")}</h2>
            <ul className="takeaway-list">
              {shared.map((takeaway) => (
                <li key={takeaway.id}>
                  <p>{takeaway.text}</p>
                  <p className="muted">— {takeaway.author}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <nav className="session__nav" aria-label={t("session.pages")}>
          <Link to={prev}>{t("session.lastPage")}</Link>
          <Link to={`/modules/${module.slug}`}>{t("session.backToModule")}</Link>
        </nav>
      </section>
    );
  }

export const ErrorBoundary = GeneralErrorBoundary;
