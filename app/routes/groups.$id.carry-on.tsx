import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { notFoundGroup } from "~/domain/groups/load-group.server";
import { answerCarryOn, loadCarryOn } from "~/domain/programme/cohorts/carry-on.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Carry on with ${data?.page.group.name ?? "your group"}? · Roundtable` }];

function groupIdOf(params: { id?: string }) {
  const parsed = z.string().uuid().safeParse(params.id);
  if (!parsed.success) throw notFoundGroup();
  return parsed.data;
}

const schema = z.object({ answer: z.enum(["consent", "decline"], { errorMap: () => ({ message: "Choose whether you want to carry on." }) }) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadCarryOn(context.services.db, user, groupIdOf(params));
  return json({ page, timeZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = groupIdOf(params);
  // Scope first: someone outside the group gets a 404 whatever the form says.
  await loadCarryOn(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ answer }) => {
    await answerCarryOn(context.services.db, user, id, answer === "consent");
    return redirect(`/groups/${id}/carry-on?saved=1`);
  });
}

export default function CarryOn() {
  const { page, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const { group, offer, counts, mine } = page;
  return (
    <>
      <h1>Carry on with {group.name}?</h1>
      {params.get("saved") ? <Notice>Your answer is saved. You can change it until the offer is decided.</Notice> : null}
      {offer.status === "converted" ? (
        <p>
          {group.name} carries on as a peer group with the members who agreed. <Link to={`/groups/${group.id}`}>Go to the group</Link>
        </p>
      ) : offer.status === "declined" ? (
        <p>Fewer than {page.needed} members agreed, so the group does not carry on. As an alumnus you can still join or found peer groups.</p>
      ) : (
        <>
          <p>
            The organisation's sponsorship of the programme has ended. If at least {page.needed} members agree by {formatDateInZone(offer.closesAt, timeZone)},{" "}
            {group.name} carries on as a self-organised peer group, keeping its meetings, notes and discussion, with only those who agreed. Nobody is moved
            without agreeing.
          </p>
          <p>
            So far {counts.consent} of {counts.members} {counts.consent === 1 ? "member agrees" : "members agree"} and {counts.decline}{" "}
            {counts.decline === 1 ? "declines" : "decline"}. Who answered what is not shown.
          </p>
          {page.canAnswer ? (
            <Form method="post" className="stack" noValidate>
              <FormError message={errors.formError ?? errors.fieldErrors.answer} />
              <fieldset className="field">
                <legend>Your answer{mine ? ` (now: ${mine === "consent" ? "I want to carry on" : "I do not"})` : ""}</legend>
                <label className="checkbox">
                  <input type="radio" name="answer" value="consent" defaultChecked={(errors.values.answer ?? mine) === "consent"} /> I want to carry on
                </label>
                <label className="checkbox">
                  <input type="radio" name="answer" value="decline" defaultChecked={(errors.values.answer ?? mine) === "decline"} /> I do not want to carry on
                </label>
              </fieldset>
              <div>
                <button type="submit">Save my answer</button>
              </div>
            </Form>
          ) : (
            <p className="muted">Only the group's members answer; the facilitator does not carry on with the group.</p>
          )}
        </>
      )}
    </>
  );
}
