// A person's ARC self-assessment: the one open for them now (start of a
// cycle, its end, six months later), their own before and after per
// dimension, and two or three suggested next steps. Only the person sees
// their answers; the organisation sees them only in aggregate, from 5 people.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TableScroll } from "~/components/table-scroll";
import { ARC_DIMENSION_LABELS, ARC_DIMENSIONS, ARC_STATEMENTS, SCALE_LABELS } from "~/domain/diagnostics/arc-self-assessment";
import { diagnosticAnswerSchema } from "~/domain/diagnostics/diagnostic-fields";
import { MOMENT_LABELS } from "~/domain/diagnostics/diagnostic-moments";
import { answerDiagnostic, loadMyDiagnostics } from "~/domain/diagnostics/my-diagnostics.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { isDemoOrganisation } from "~/domain/demo/demo-banner.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your self-assessment · Roundtable" }];

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

const SCALE = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: SCALE_LABELS[n]! }));
const oneDecimal = (v: number) => v.toFixed(1);

export default function Diagnostics() {
  const data = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const open = data.cycles.flatMap((c) => c.open.map((moment) => ({ cycleId: c.cycleId, label: c.label, moment })));
  const current = open[0];
  const answered = data.cycles.filter((c) => c.answered.length);
  return (
    <section aria-labelledby="diagnostics-title" className="stack">
      <p className="muted">
        <Link to="/programme">Your programme</Link>
      </p>
      <h1 id="diagnostics-title">Your self-assessment</h1>
      {params.get("saved") ? <Notice>Your answers are saved. Thank you.</Notice> : null}
      {data.demo ? (
        <p>
          <strong>Synthetic demo data:</strong> the earlier answers of demo accounts were generated for the demo company.
        </p>
      ) : null}
      <p className="lead">
        Ten short statements about agency, responsiveness and connectivity, asked when a cycle of your programme group starts, when it ends, and six months later, so you
        can see how you have moved.
      </p>
      <p>
        <strong>Only you see your answers.</strong> Your organisation sees them only as averages of at least 5 people.
      </p>
      {current ? (
        <Form method="post" className="stack" noValidate>
          <h2>
            {MOMENT_LABELS[current.moment]}: {current.label}
          </h2>
          {open.length > 1 ? <p>After this one, {open.length - 1} more {open.length === 2 ? "is" : "are"} open for you.</p> : null}
          <p>How much is each statement like you now? 1 is not at all like you, 5 very much. Please answer all ten.</p>
          <FormError message={errors.formError ?? (Object.keys(errors.fieldErrors).length ? "Some statements have no answer yet; they are marked below." : undefined)} />
          <input type="hidden" name="cycleId" value={current.cycleId} />
          <input type="hidden" name="moment" value={current.moment} />
          {ARC_STATEMENTS.map((s, i) => (
            <RadioGroup key={s.id} legend={`${i + 1}. ${s.text}`} name={s.id} options={SCALE} selected={errors.value(s.id)} error={errors.fieldErrors[s.id]} />
          ))}
          <div>
            <button type="submit" disabled={busy}>
              Save my answers
            </button>
          </div>
        </Form>
      ) : (
        <p>No self-assessment is open for you now. One opens when a cycle of your programme group starts, when it ends, and six months after the end.</p>
      )}
      {answered.length ? (
        <>
          <h2>Before and after</h2>
          <p>Your average per dimension, from 1 to 5, at each moment you answered.</p>
          {answered.map((c) => (
            <TableScroll label={c.label} key={c.cycleId}>
              <table>
                <caption>{c.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Dimension</th>
                    {c.answered.map((a) => (
                      <th scope="col" key={a.moment}>
                        {MOMENT_LABELS[a.moment]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ARC_DIMENSIONS.map((d) => (
                    <tr key={d}>
                      <th scope="row">{ARC_DIMENSION_LABELS[d]}</th>
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
          <h2>Suggested next steps</h2>
          <p>From your latest answers and the colleagues you have met so far. They are suggestions, nothing more.</p>
          <ul className="stack">
            {data.nextSteps.map((s) => (
              <li key={s.id}>
                <strong>{s.title}.</strong> {s.why} <Link to={s.href}>{s.linkText}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
