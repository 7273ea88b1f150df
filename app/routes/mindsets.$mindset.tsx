import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleList } from "~/components/module-list";
import { isMindset, MINDSETS } from "~/domain/content/mindsets";
import { NotFoundError } from "~/domain/http-errors";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { catalogueHref } from "~/domain/modules/catalogue-params";
import { CATALOGUE_PAGE_SIZE, listCatalogue } from "~/domain/modules/list-catalogue.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `modules:mindsets.${data.mindset}.name` : "modules:mindsetPage.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const mindset = params.mindset ?? "";
  if (!isMindset(mindset)) {
    throw new NotFoundError(message("modules:mindsetPage.unknown", { mindset: mindset.slice(0, 40) }));
  }
  const result = await listCatalogue(context.services.db, user, { q: "", mindset, topic: null, authorId: null, page: 1 }, { acceptLanguage: request.headers.get("accept-language") });
  return json({ mindset, ...result, more: result.total > CATALOGUE_PAGE_SIZE });
}

export default function MindsetPage() {
  const { mindset, items, total, more, language } = useLoaderData<typeof loader>();
  const { t } = useTranslation("modules");
  return (
    <section aria-labelledby="mindset-title">
      <h1 id="mindset-title">
        {t(`mindsets.${mindset}.name`)} <span className="muted">— {t(`mindsets.${mindset}.focus`)}</span>
      </h1>
      <p className="lead">{t(`mindsets.${mindset}.description`)}</p>
      <nav aria-label={t("mindsetPage.others")} className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={`/mindsets/${m}`} aria-current={m === mindset ? "page" : undefined}>
                {t(`mindsets.${m}.name`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t("mindsetPage.count", { count: total })}</h2>
      <ModuleList items={items} readerLanguage={language} />
      {more ? <Link to={catalogueHref({ mindset })}>{t("mindsetPage.seeAll", { count: total })}</Link> : null}
    </section>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("modules");
  return (
    <>
      <GeneralErrorBoundary />
      <nav aria-label={t("catalogue.mindsets")} className="mindset-chips">
        <ul>
          {MINDSETS.map((m) => (
            <li key={m}>
              <Link to={`/mindsets/${m}`}>{t(`mindsets.${m}.name`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
