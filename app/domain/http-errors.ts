// One error type per HTTP status. They extend Response, so a use-case can
// throw one and the route's error boundary renders it.
export class NotFoundError extends Response {
  constructor(message = "We could not find that page.") {
    super(message, { status: 404, statusText: "Not Found" });
  }
}

export class ForbiddenError extends Response {
  constructor(message = "Your account does not have access to this page.") {
    super(message, { status: 403, statusText: "Forbidden" });
  }
}
