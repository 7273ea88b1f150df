import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useApproverList } from "~/components/revision-approvers";
import { useFormat } from "~/components/use-format";
import { NotFoundError } from "~/domain/http-errors";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { getModuleRevision } from "~/domain/modules/module-history.server";
import { revisionNumberField } from "~/domain/modules/revision-fields";
import { restoreRevisionToDraft } from "~/domain/modules/restore-revision.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "modules:revision.titleOf", { number: data.revision.number, title: data.module.title }) : pageTitle(matches, "modules:revision.title");

/** The number in the address; anything else is a page that does not exist. */
function revisionNumberFrom(raw: string | undefined) {
  const parsed = revisionNumberField("").safeParse(raw);
  if (!parsed.success) throw new NotFoundError("modules:revision.notFound");
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const number = revisionNumberFrom(params.number);
  const found = await getModuleRevision(context.services.db, user, params.slug ?? "", number);
  return json({ ...found, timeZone: user.timeZone });
}

const schema = z.object({ intent: z.literal("restore", { errorMap: () => ({ message: "modules:revision.errors.intent" }) }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const number = revisionNumberFrom(params.number);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async () => {
    const slug = params.slug ?? "";
    await restoreRevisionToDraft(context.services.db, context.services.documentEditor, user, { slug, number });
    return redirect(`/modules/${slug}/edit`);
  });
}

export default function ModuleRevision() {
  const { module, revision, canRestore, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const base = `/modules/${module.slug}`;
  const { t } = useTranslation("modules");
  const format = useFormat();
  const approverList = useApproverList();
  const banner = { number: revision.number, latest: module.latestNumber, published: format.dateTime(revision.publishedAt, timeZone) };
  return (
    <article className="module" aria-labelledby="revision-title">
      <p>
        <Link to={`${base}/history`}>{t("revision.back", { title: module.title })}</Link>
      </p>
      <h1 id="revision-title">{module.title}</h1>
      <p className={revision.isCurrent ? "notice" : "revision-banner"}>
        {revision.isCurrent ? (
          t("revision.current", banner)
        ) : (
          <>
            {t("revision.notCurrent", banner)} <Link to={base}>{t("revision.readCurrent")}</Link>
          </>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("history.author")}</dt>
          <dd>{revision.authorName === null ? t("history.notRecorded") : personName(revision.authorName, t)}</dd>
        </div>
        <div>
          <dt>{t("history.approvedBy")}</dt>
          <dd>{approverList(revision)}</dd>
        </div>
      </dl>
      <p className="no-print">
        {revision.number > 1 ? (
          <Link className="button button--secondary" to={`${base}/compare?from=${revision.number - 1}&to=${revision.number}`}>
            {t("revision.compareWith", { number: revision.number - 1 })}
          </Link>
        ) : null}{" "}
        {!revision.isCurrent ? (
          <Link className="button button--secondary" to={`${base}/compare?from=${revision.number}&to=${module.latestNumber}`}>
            {t("revision.compareLatest")}
          </Link>
        ) : null}
      </p>
      {canRestore ? (
        <Form method="post" className="restore-form no-print">
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          <p className="muted">{t("revision.restoreIntro", { number: revision.number })}</p>
          <button type="submit" name="intent" value="restore">
            {t("revision.restore")}
          </button>
        </Form>
      ) : null}
      <h2>{t("reader.wholeModule")}</h2>
      {/* HTML rendered on the server from the module schema and sanitised at publish time, as on the reader page. */}
      <div className="module-body" dangerouslySetInnerHTML={{ __html: revision.parts.introduction + revision.parts.pages.join("") }} />
      <h2>{t("reader.takeaways")}</h2>
      <div className="module-body" dangerouslySetInnerHTML={{ __html: revision.parts.takeaways }} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
