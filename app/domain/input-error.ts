// A domain rule that the user's input broke, with a message per form field.
// Routes turn it into a 400 that keeps what the user typed.
export class InputError extends Error {
  /** 400 for bad input; 409 when the thing changed under the user (someone else decided first). */
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly status: 400 | 409 = 400,
  ) {
    super(Object.values(fieldErrors).join(" "));
    this.name = "InputError";
  }
}
