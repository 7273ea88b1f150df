// A domain rule that the user's input broke, with a message per form field.
// Routes turn it into a 400 that keeps what the user typed.
export class InputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(" "));
    this.name = "InputError";
  }
}
