// The open-space board: time slots as rows, rooms as columns, the sessions
// waiting for a place, and the forms to propose sessions and run the
// schedule. It stays live by polling a version stamp (docs/decisions/014).
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import {
  FormError,
  Notice,
  SelectField,
  TextField,
} from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TableScroll } from "~/components/table-scroll";
import {
  addRoom,
  addTimeSlot,
  removeRoom,
  removeTimeSlot,
} from "~/domain/open-space/arrange-rooms-and-slots.server";
import { findOpenSpace } from "~/domain/open-space/find-open-space.server";
import { loadOpenSpaceBoard } from "~/domain/open-space/load-open-space-board.server";
import { makeSchedule } from "~/domain/open-space/make-schedule.server";
import { setInterest } from "~/domain/open-space/mark-interest.server";
import { moveSession } from "~/domain/open-space/move-session.server";
import { openSpaceSchema } from "~/domain/open-space/open-space-fields";
import { proposeSession } from "~/domain/open-space/propose-session.server";
import { LOCK_MINUTES } from "~/domain/open-space/slot-lock";
import { instantToLocal } from "~/domain/reunions/zoned-time";
import type { FormErrors } from "~/forms/submit-form.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Open space · ${data.reunion.title} · Roundtable`
      : "Open space · Roundtable",
  },
];

/** How often an open board asks whether anything changed. */
const POLL_MS = 5000;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(
    await loadOpenSpaceBoard(context.services.db, user, params.id ?? "")
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // An outsider gets the 404 whatever the form says.
  const { id } = await findOpenSpace(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/reunions/${id}/open-space`;
  return submitForm(formData, openSpaceSchema, async (input) => {
    switch (input.intent) {
      case "propose": {
        const sessionId = await proposeSession(db, user, id, input);
        return redirect(`${here}#session-${sessionId}`);
      }
      case "interested":
      case "not-interested":
        await setInterest(
          db,
          user,
          id,
          input.sessionId,
          input.intent === "interested"
        );
        return redirect(`${here}#session-${input.sessionId}`);
      case "add-room":
        await addRoom(db, user, id, input);
        return redirect(`${here}#arrange`);
      case "remove-room":
        await removeRoom(db, user, id, input.roomId);
        return redirect(`${here}#arrange`);
      case "add-slot":
        await addTimeSlot(db, user, id, input);
        return redirect(`${here}#arrange`);
      case "remove-slot":
        await removeTimeSlot(db, user, id, input.slotId);
        return redirect(`${here}#arrange`);
      case "make-schedule":
        await makeSchedule(db, user, id);
        return redirect(`${here}#board`);
      case "move":
        await moveSession(db, user, id, input);
        return redirect(`${here}#session-${input.sessionId}`);
    }
  });
}

type Board = ReturnType<typeof useLoaderData<typeof loader>>;
type Session = Board["sessions"][number];

function timeOfDay(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}

/** Checks the version stamp while the tab is visible, and reloads the board's data when it changed. */
function useLiveBoard(reunionId: string, version: string) {
  const revalidator = useRevalidator();
  const latest = useRef({ version, revalidator });
  latest.current = { version, revalidator };
  useEffect(() => {
    let stopped = false;
    async function check() {
      if (
        document.visibilityState !== "visible" ||
        latest.current.revalidator.state !== "idle"
      )
        return;
      try {
        const res = await fetch(`/reunions/${reunionId}/open-space/version`, {
          headers: { Accept: "application/json" },
        });
        if (!res.ok) return;
        const body = (await res.json()) as { version?: string };
        if (!stopped && body.version && body.version !== latest.current.version)
          latest.current.revalidator.revalidate();
      } catch {
        // Offline for a moment: the next check tries again.
      }
    }
    const timer = window.setInterval(check, POLL_MS);
    document.addEventListener("visibilitychange", check);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, [reunionId]);
}

type CardProps = {
  session: Session;
  locked: boolean;
  board: Pick<Board, "reunion" | "rooms" | "slots" | "can">;
  zone: string;
  busy: boolean;
  dragging: boolean;
  onDrag: (sessionId: string | null) => void;
};

/** One session: on the board or waiting for a place. The organiser can drag it, or move it with the form. */
function SessionCard({
  session,
  locked,
  board: { reunion, rooms, slots, can },
  zone,
  busy,
  dragging,
  onDrag,
}: CardProps) {
  const movable = can.run && !locked;
  const openSlots = slots.filter((s) => !s.locked);
  return (
    <article
      className={`open-space-session${
        dragging ? " open-space-session--dragging" : ""
      }`}
      id={`session-${session.id}`}
      aria-labelledby={`session-${session.id}-topic`}
      draggable={movable}
      onDragStart={
        movable
          ? (e) => {
              e.dataTransfer.setData("text/plain", session.id);
              e.dataTransfer.effectAllowed = "move";
              onDrag(session.id);
            }
          : undefined
      }
      onDragEnd={() => onDrag(null)}
    >
      <h3 id={`session-${session.id}-topic`}>{session.topic}</h3>
      <p className="muted">
        Convened by {session.convenerName ?? "someone who has left"}
      </p>
      {session.description ? <p>{session.description}</p> : null}
      {/* Whoever sees the board may at least read the notes (breakoutNotesAccess). */}
      <p>
        <Link to={`/reunions/${reunion.id}/sessions/${session.id}`}>
          Open the live notes
        </Link>
      </p>
      <p>
        {session.interestCount}{" "}
        {session.interestCount === 1 ? "person" : "people"} interested
        {session.mine ? ", including you" : ""}
        {session.pinned ? (
          <span className="tag">Placed by the organiser</span>
        ) : null}
      </p>
      {can.takePart ? (
        <Form method="post">
          <input type="hidden" name="sessionId" value={session.id} />
          <button
            type="submit"
            name="intent"
            value={session.mine ? "not-interested" : "interested"}
            className="button--secondary"
            disabled={busy}
            aria-pressed={session.mine}
          >
            {session.mine ? "I'm interested ✓" : "I'm interested"}
          </button>
        </Form>
      ) : null}
      {movable && rooms.length && openSlots.length ? (
        <details className="open-space-session__move">
          <summary>Move this session</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="sessionId" value={session.id} />
            <SelectField
              label="Room"
              name="roomId"
              defaultValue={session.roomId ?? rooms[0]!.id}
              options={rooms.map((r) => ({
                value: r.id,
                label: `${r.name} (${r.capacity})`,
              }))}
            />
            <SelectField
              label="Time slot"
              name="slotId"
              defaultValue={
                openSlots.some((s) => s.id === session.timeSlotId)
                  ? session.timeSlotId!
                  : openSlots[0]!.id
              }
              options={openSlots.map((s) => ({
                value: s.id,
                label: `${timeOfDay(s.startsAt, zone)}–${timeOfDay(
                  s.endsAt,
                  zone
                )}`,
              }))}
            />
            <div>
              <button type="submit" name="intent" value="move" disabled={busy}>
                Move
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

export default function OpenSpaceBoard() {
  const board = useLoaderData<typeof loader>();
  const { reunion, rooms, slots, sessions, unscheduled, conveners, can } =
    board;
  const errors = useFormErrors();
  // Adding a room, a slot or a session empties its form; a refusal keeps the input.
  const freshForm = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const dropMove = useFetcher<FormErrors>();
  const [dragging, setDragging] = useState<string | null>(null);
  useLiveBoard(reunion.id, board.version);

  const zone = reunion.timeZone;
  const postedIntent = errors.values.intent;
  const errorFor = (intent: string, field: string) =>
    postedIntent === intent ? errors.fieldErrors[field] : undefined;
  const keptFor = (intent: string, field: string, fallback = "") =>
    postedIntent === intent
      ? errors.value(field, fallback) ?? fallback
      : fallback;
  const moveError =
    dropMove.data && "fieldErrors" in dropMove.data
      ? dropMove.data.formError ?? Object.values(dropMove.data.fieldErrors)[0]
      : undefined;
  const generalError =
    errors.formError ??
    errors.fieldErrors.intent ??
    errors.fieldErrors.sessionId ??
    (postedIntent === "move"
      ? Object.values(errors.fieldErrors)[0]
      : undefined) ??
    moveError;
  const cellOf = (slotId: string, roomId: string) =>
    sessions.find((s) => s.timeSlotId === slotId && s.roomId === roomId);
  const cardProps = (sessionId: string) => ({
    board,
    zone,
    busy,
    dragging: dragging === sessionId,
    onDrag: setDragging,
  });
  const eventDay = reunion.startsAt
    ? instantToLocal(new Date(reunion.startsAt), zone).date
    : "";

  function drop(event: DragEvent, slotId: string, roomId: string) {
    event.preventDefault();
    const sessionId = event.dataTransfer.getData("text/plain");
    setDragging(null);
    if (sessionId)
      dropMove.submit(
        { intent: "move", sessionId, roomId, slotId },
        { method: "post" }
      );
  }

  return (
    <article className="open-space" aria-labelledby="open-space-title">
      <p>
        <Link to={`/reunions/${reunion.id}`}>Back to the reunion</Link>
      </p>
      <h1 id="open-space-title">Open space: {reunion.title}</h1>
      <p className="muted">
        {reunion.startsAt
          ? `${formatDateInZone(reunion.startsAt, zone)}. `
          : ""}
        Times are in {zone.replace(/_/g, " ")}. This board updates by itself.
        Each time slot locks {LOCK_MINUTES} minutes before it starts.
      </p>
      <FormError message={generalError} />
      {dropMove.state !== "idle" ? <Notice>Moving the session…</Notice> : null}

      <section aria-labelledby="board-title" id="board">
        <h2 id="board-title">The board</h2>
        {rooms.length === 0 || slots.length === 0 ? (
          <p>
            The organiser has not set up the rooms and time slots yet.
            Meanwhile, propose sessions and mark the ones you are interested in.
          </p>
        ) : (
          <TableScroll label="Sessions by time slot and room">
            <table className="open-space-board">
              <caption className="visually-hidden">
                Sessions by time slot and room
              </caption>
              <thead>
                <tr>
                  <th scope="col">Time ({zone.replace(/_/g, " ")})</th>
                  {rooms.map((r) => (
                    <th scope="col" key={r.id}>
                      {r.name}{" "}
                      <span className="muted">({r.capacity} places)</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {slots.map((slot) => (
                  <tr key={slot.id}>
                    <th scope="row">
                      {timeOfDay(slot.startsAt, zone)}–
                      {timeOfDay(slot.endsAt, zone)}
                      {slot.locked ? <span className="tag">Locked</span> : null}
                    </th>
                    {rooms.map((room) => {
                      const session = cellOf(slot.id, room.id);
                      const droppable = can.run && !slot.locked;
                      return (
                        <td
                          key={room.id}
                          className={`open-space-cell${
                            slot.locked ? " open-space-cell--locked" : ""
                          }${
                            droppable && dragging
                              ? " open-space-cell--target"
                              : ""
                          }`}
                          onDragOver={
                            droppable ? (e) => e.preventDefault() : undefined
                          }
                          onDrop={
                            droppable
                              ? (e) => drop(e, slot.id, room.id)
                              : undefined
                          }
                        >
                          {session ? (
                            <SessionCard
                              session={session}
                              locked={slot.locked}
                              {...cardProps(session.id)}
                            />
                          ) : (
                            <span className="muted">Free</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {can.run && rooms.length && slots.length ? (
          <p className="muted">
            Drag a session onto another room or time, or use “Move this
            session”. Dropping it on a taken room swaps the two.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="waiting-title" id="waiting">
        <h2 id="waiting-title">
          Sessions without a place yet ({unscheduled.length})
        </h2>
        {unscheduled.length ? (
          <div className="cards">
            {unscheduled.map((s) => (
              <SessionCard
                key={s.id}
                session={s}
                locked={false}
                {...cardProps(s.id)}
              />
            ))}
          </div>
        ) : (
          <p className="muted">Every proposed session has a place.</p>
        )}
      </section>

      {can.takePart ? (
        <section aria-labelledby="propose-title" className="card" id="propose">
          <h2 id="propose-title">Propose a session</h2>
          <Form method="post" className="stack" noValidate key={freshForm("propose")}>
            <TextField
              label="Topic"
              name="topic"
              maxLength={120}
              defaultValue={keptFor("propose", "topic")}
              error={errorFor("propose", "topic")}
            />
            <TextField
              label="One-line description"
              name="description"
              maxLength={200}
              defaultValue={keptFor("propose", "description")}
              error={errorFor("propose", "description")}
            />
            <SelectField
              label="Convener"
              name="convenerId"
              hint="The person who opens the session and keeps its notes. You, unless you name someone else invited."
              defaultValue={keptFor("propose", "convenerId")}
              options={[
                { value: "", label: "Me" },
                ...conveners.map((c) => ({ value: c.id, label: c.name })),
              ]}
              error={errorFor("propose", "convenerId")}
            />
            <div>
              <button
                type="submit"
                name="intent"
                value="propose"
                disabled={busy}
              >
                Propose the session
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {can.run ? (
        <section
          aria-labelledby="arrange-title"
          id="arrange"
          className="open-space-arrange"
        >
          <h2 id="arrange-title">Rooms, time slots and the schedule</h2>
          <div className="card">
            <h3>Make the schedule</h3>
            <p>
              The most wanted sessions get the biggest rooms, no convener runs
              two sessions at once, and sessions that interest the same people
              go in different slots. Sessions you placed by hand, and slots
              about to start, stay as they are.
            </p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="make-schedule"
                disabled={busy || !rooms.length || !slots.length}
              >
                Make the schedule
              </button>
            </Form>
          </div>
          <div className="card">
            <h3>Rooms</h3>
            {rooms.length ? (
              <ul>
                {rooms.map((r) => (
                  <li key={r.id}>
                    {r.name}, {r.capacity} places{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="roomId" value={r.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove-room"
                        className="link-button"
                        disabled={busy}
                      >
                        Remove {r.name}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No rooms yet.</p>
            )}
            <Form method="post" className="stack" noValidate key={freshForm("add-room")}>
              <TextField
                label="Room name"
                name="name"
                maxLength={80}
                defaultValue={keptFor("add-room", "name")}
                error={errorFor("add-room", "name")}
              />
              <TextField
                label="Capacity (people)"
                name="capacity"
                inputMode="numeric"
                defaultValue={keptFor("add-room", "capacity")}
                error={errorFor("add-room", "capacity")}
              />
              <div>
                <button
                  type="submit"
                  name="intent"
                  value="add-room"
                  disabled={busy}
                >
                  Add the room
                </button>
              </div>
            </Form>
          </div>
          <div className="card">
            <h3>Time slots</h3>
            {slots.length ? (
              <ul>
                {slots.map((s) => (
                  <li key={s.id}>
                    {formatDateInZone(s.startsAt, zone)},{" "}
                    {timeOfDay(s.startsAt, zone)}–{timeOfDay(s.endsAt, zone)}
                    {s.locked ? (
                      <span className="tag">Locked</span>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="slotId" value={s.id} />{" "}
                        <button
                          type="submit"
                          name="intent"
                          value="remove-slot"
                          className="link-button"
                          disabled={busy}
                        >
                          Remove the slot at {timeOfDay(s.startsAt, zone)}
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No time slots yet.</p>
            )}
            <Form method="post" className="stack" noValidate key={freshForm("add-slot")}>
              <TextField
                label="Date"
                name="date"
                type="date"
                defaultValue={keptFor("add-slot", "date", eventDay)}
                error={errorFor("add-slot", "date")}
              />
              <TextField
                label={`Starts (${zone.replace(/_/g, " ")})`}
                name="startTime"
                type="time"
                defaultValue={keptFor("add-slot", "startTime")}
                error={errorFor("add-slot", "startTime")}
              />
              <TextField
                label={`Ends (${zone.replace(/_/g, " ")})`}
                name="endTime"
                type="time"
                defaultValue={keptFor("add-slot", "endTime")}
                error={errorFor("add-slot", "endTime")}
              />
              <div>
                <button
                  type="submit"
                  name="intent"
                  value="add-slot"
                  disabled={busy}
                >
                  Add the time slot
                </button>
              </div>
            </Form>
          </div>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
