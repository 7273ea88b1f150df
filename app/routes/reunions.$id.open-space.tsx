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
import { useTranslation } from "react-i18next";
import { useFormat, usePageLanguage } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "reunions:board.title", { title: data?.reunion.title ?? "" });

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

function timeOfDay(iso: string, timeZone: string, language: string) {
  return new Intl.DateTimeFormat(language === "ja" ? "ja-JP" : "en-GB", {
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
  const { t } = useTranslation("reunions");
  const language = usePageLanguage();
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
        {t("board.convenedBy", { name: session.convenerName === null ? t("board.someoneLeft") : personName(session.convenerName, t) })}
      </p>
      {session.description ? <p>{session.description}</p> : null}
      {/* Whoever sees the board may at least read the notes (breakoutNotesAccess). */}
      <p>
        <Link to={`/reunions/${reunion.id}/sessions/${session.id}`}>
          {t("board.openNotes")}
        </Link>
      </p>
      <p>
        {t(session.mine ? "board.interestedWithYou" : "board.interested", { count: session.interestCount })}
        {session.pinned ? <span className="tag">{t("board.pinned")}</span> : null}
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
            {session.mine ? t("board.imInterestedOn") : t("board.imInterested")}
          </button>
        </Form>
      ) : null}
      {movable && rooms.length && openSlots.length ? (
        <details className="open-space-session__move">
          <summary>{t("board.move")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="sessionId" value={session.id} />
            <SelectField
              label={t("board.room")}
              name="roomId"
              defaultValue={session.roomId ?? rooms[0]!.id}
              options={rooms.map((r) => ({
                value: r.id,
                label: t("board.roomOption", { name: r.name, number: r.capacity }),
              }))}
            />
            <SelectField
              label={t("board.slot")}
              name="slotId"
              defaultValue={
                openSlots.some((s) => s.id === session.timeSlotId)
                  ? session.timeSlotId!
                  : openSlots[0]!.id
              }
              options={openSlots.map((s) => ({
                value: s.id,
                label: `${timeOfDay(s.startsAt, zone, language)}–${timeOfDay(s.endsAt, zone, language)}`,
              }))}
            />
            <div>
              <button type="submit" name="intent" value="move" disabled={busy}>
                {t("board.moveSubmit")}
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
  const { t } = useTranslation("reunions");
  const format = useFormat();
  const time = (iso: string) => timeOfDay(iso, zone, format.language);
  const zoneName = board.reunion.timeZone.replace(/_/g, " ");

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
        <Link to={`/reunions/${reunion.id}`}>{t("board.back")}</Link>
      </p>
      <h1 id="open-space-title">{t("board.heading", { title: reunion.title })}</h1>
      <p className="muted">
        {reunion.startsAt
          ? t("board.aboutOn", { date: format.date(reunion.startsAt, zone), zone: zoneName, minutes: LOCK_MINUTES })
          : t("board.about", { zone: zoneName, minutes: LOCK_MINUTES })}
      </p>
      <FormError message={generalError} />
      {dropMove.state !== "idle" ? <Notice>{t("board.moving")}</Notice> : null}

      <section aria-labelledby="board-title" id="board">
        <h2 id="board-title">{t("board.board")}</h2>
        {rooms.length === 0 || slots.length === 0 ? (
          <p>{t("board.notSetUp")}</p>
        ) : (
          <TableScroll label={t("board.caption")}>
            <table className="open-space-board">
              <caption className="visually-hidden">{t("board.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("board.time", { zone: zoneName })}</th>
                  {rooms.map((r) => (
                    <th scope="col" key={r.id}>
                      {r.name}{" "}
                      <span className="muted">{t("board.roomPlaces", { number: r.capacity })}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {slots.map((slot) => (
                  <tr key={slot.id}>
                    <th scope="row">
                      {time(slot.startsAt)}–{time(slot.endsAt)}
                      {slot.locked ? <span className="tag">{t("board.locked")}</span> : null}
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
                            <span className="muted">{t("board.free")}</span>
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
          <p className="muted">{t("board.dragHint")}</p>
        ) : null}
      </section>

      <section aria-labelledby="waiting-title" id="waiting">
        <h2 id="waiting-title">
          {t("board.waiting", { number: unscheduled.length })}
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
          <p className="muted">{t("board.allPlaced")}</p>
        )}
      </section>

      {can.takePart ? (
        <section aria-labelledby="propose-title" className="card" id="propose">
          <h2 id="propose-title">{t("board.propose")}</h2>
          <Form method="post" className="stack" noValidate key={freshForm("propose")}>
            <TextField
              label={t("board.topic")}
              name="topic"
              maxLength={120}
              defaultValue={keptFor("propose", "topic")}
              error={errorFor("propose", "topic")}
            />
            <TextField
              label={t("board.description")}
              name="description"
              maxLength={200}
              defaultValue={keptFor("propose", "description")}
              error={errorFor("propose", "description")}
            />
            <SelectField
              label={t("board.convener")}
              name="convenerId"
              hint={t("board.convenerHint")}
              defaultValue={keptFor("propose", "convenerId")}
              options={[
                { value: "", label: t("board.me") },
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
                {t("board.proposeSubmit")}
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
          <h2 id="arrange-title">{t("board.arrange")}</h2>
          <div className="card">
            <h3>{t("board.makeSchedule")}</h3>
            <p>{t("board.scheduleAbout")}</p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="make-schedule"
                disabled={busy || !rooms.length || !slots.length}
              >
                {t("board.makeSchedule")}
              </button>
            </Form>
          </div>
          <div className="card">
            <h3>{t("board.rooms")}</h3>
            {rooms.length ? (
              <ul>
                {rooms.map((r) => (
                  <li key={r.id}>
                    {t("board.roomLine", { name: r.name, number: r.capacity })}{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="roomId" value={r.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove-room"
                        className="link-button"
                        disabled={busy}
                      >
                        {t("board.removeRoom", { name: r.name })}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("board.noRooms")}</p>
            )}
            <Form method="post" className="stack" noValidate key={freshForm("add-room")}>
              <TextField
                label={t("board.roomName")}
                name="name"
                maxLength={80}
                defaultValue={keptFor("add-room", "name")}
                error={errorFor("add-room", "name")}
              />
              <TextField
                label={t("board.roomCapacity")}
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
                  {t("board.addRoom")}
                </button>
              </div>
            </Form>
          </div>
          <div className="card">
            <h3>{t("board.slots")}</h3>
            {slots.length ? (
              <ul>
                {slots.map((s) => (
                  <li key={s.id}>
                    {t("board.slotLine", { date: format.date(s.startsAt, zone), start: time(s.startsAt), end: time(s.endsAt) })}
                    {s.locked ? (
                      <span className="tag">{t("board.locked")}</span>
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
                          {t("board.removeSlot", { time: time(s.startsAt) })}
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("board.noSlots")}</p>
            )}
            <Form method="post" className="stack" noValidate key={freshForm("add-slot")}>
              <TextField
                label={t("board.date")}
                name="date"
                type="date"
                defaultValue={keptFor("add-slot", "date", eventDay)}
                error={errorFor("add-slot", "date")}
              />
              <TextField
                label={t("board.starts", { zone: zoneName })}
                name="startTime"
                type="time"
                defaultValue={keptFor("add-slot", "startTime")}
                error={errorFor("add-slot", "startTime")}
              />
              <TextField
                label={t("board.ends", { zone: zoneName })}
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
                  {t("board.addSlot")}
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
