// One error type per HTTP status. They extend Response, so a use-case can
// throw one and the route's error boundary renders it. The message is a
// sentence or a catalogue key (the boundary translates keys); the defaults
// are keys, so a page's own 404 and 403 speak the reader's language.
export class NotFoundError extends Response {
  constructor(message = "common:errors.notFound.default") {
    super(message, { status: 404, statusText: "Not Found" });
  }
}

export class ForbiddenError extends Response {
  constructor(message = "common:errors.forbidden.default") {
    super(message, { status: 403, statusText: "Forbidden" });
  }
}
