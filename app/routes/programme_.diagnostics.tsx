// A person's ARC self-assessment: the one open for them now (start of a
// cycle, its end, six months later), their own before and after per
// dimension, and two or three suggested next steps. Only the person sees
// their answers; the organisation sees them only in aggregate, from 5 people.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TableScroll } from "~/components/table-scroll";
import { ARC_DIMENSIONS, ARC_STATEMENTS } from "~/domain/diagnostics/arc-self-assessment";
import { diagnosticAnswerSchema } from "~/domain/diagnostics/diagnostic-fields";
import { answerDiagnostic, loadMyDiagnostics } from "~/domain/diagnostics/my-diagnostics.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { requireUser } from "~/require-user.server";
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programme:diagnostics.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [mine, demo] = await Promise.all([loadMyDiagnostics(context.services.db, user), isDemoOrganisation(context.services.db, user.orgId)]);
  return json({ ...mine, demo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, diagnosticAnswerSchema, async (input) => {
    await answerDiagnostic(context.services.db, user, input);
    return redirect("/programme/diagnostics?saved=1");
  });
}

const SCALE_VALUES = [1, 2, 3, 4, 5];
const oneDecimal = (v: number) => v.toFixed(1);

export default function Diagnostics() {
  const data = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("programme");
  const label = (c: { groupName: string; number: number }) => t("diagnostics.cycleLabel", { group: c.groupName, number: c.number });
  // The ends of the scale say what they mean; the middle is a number.
  const scale = SCALE_VALUES.map((n) => ({ value: String(n), label: n === 1 || n === 5 ? t(`diagnostics.scale.${n}`) : String(n) }));
  const open = data.cycles.flatMap((c) => c.open.map((moment) => ({ cycleId: c.cycleId, label: label(c), moment })));
  const current = open[0];
  const answered = data.cycles.filter((c) => c.answered.length);
  return (
    <section aria-labelledby="diagnostics-title" className="stack">
      <p className="muted">
        <Link to="/programme">{t("diagnostics.back")}</Link>
      </p>
      <h1 id="diagnostics-title">{t("diagnostics.heading")}</h1>
      {params.get("saved") ? <Notice>{t("diagnostics.saved")}</Notice> : null}
      {data.demo ? (
        <p>
          <Trans t={t} i18nKey="diagnostics.demo" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <p className="lead">{t("diagnostics.intro")}</p>
      <p>
        <Trans t={t} i18nKey="diagnostics.privacy" values={{ floor: INSIGHTS_PRIVACY_FLOOR }} components={{ strong: <strong /> }} />
      </p>
      {current ? (
        <Form method="post" className="stack" noValidate>
          <h2>
            {t(`diagnostics.momentOf.${current.moment}`, { cycle: current.label })}
          </h2>
          {open.length > 1 ? <p>{t("diagnostics.moreOpen", { count: open.length - 1 })}</p> : null}
          <p>{t("diagnostics.howMuch")}</p>
          <FormError message={errors.formError ?? (Object.keys(errors.fieldErrors).length ? t("diagnostics.errors.someUnanswered") : undefined)} />
          <input type="hidden" name="cycleId" value={current.cycleId} />
          <input type="hidden" name="moment" value={current.moment} />
          {ARC_STATEMENTS.map((s, i) => (
            <RadioGroup key={s.id} legend={t("diagnostics.statement", { number: i + 1, text: t(`diagnostics.statements.${s.id}`) })} name={s.id} options={scale} selected={errors.value(s.id)} error={errors.fieldErrors[s.id]} />
          ))}
          <div>
            <button type="submit" disabled={busy}>
              {t("diagnostics.save")}
            </button>
          </div>
        </Form>
      ) : (
        <p>{t("diagnostics.noneOpen")}</p>
      )}
      {answered.length ? (
        <>
          <h2>{t("diagnostics.beforeAfter")}</h2>
          <p>{t("diagnostics.beforeAfterAbout")}</p>
          {answered.map((c) => (
            <TableScroll label={label(c)} key={c.cycleId}>
              <table>
                <caption>{label(c)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("diagnostics.dimension")}</th>
                    {c.answered.map((a) => (
                      <th scope="col" key={a.moment}>
                        {t(`diagnostics.moments.${a.moment}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ARC_DIMENSIONS.map((d) => (
                    <tr key={d}>
                      <th scope="row">{t(`diagnostics.dimensions.${d}`)}</th>
                      {c.answered.map((a) => (
                        <td key={a.moment}>{oneDecimal(a.scores[d])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </>
      ) : null}
      {data.nextSteps.length ? (
        <>
          <h2>{t("diagnostics.nextSteps")}</h2>
          <p>{t("diagnostics.nextStepsAbout")}</p>
          <ul className="stack">
            {data.nextSteps.map((s) => (
              <li key={s.id}>
                <Trans
                  t={t}
                  i18nKey={`diagnostics.steps.${s.id}`}
                  values={{ why: t(`diagnostics.why.${s.why}`) }}
                  components={{ strong: <strong />, a: <Link to={s.href} /> }}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
