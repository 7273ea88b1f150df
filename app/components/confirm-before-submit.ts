// Asking before a form does what one click cannot undo (removing or banning a
// member, cancelling a meeting): the browser's own dialog, which keyboards
// and screen readers handle. Shared by every such form so they ask alike.
import type { FormEvent } from "react";

/** An onSubmit handler: `question` (or what it says for the form as filled in) must be answered OK, or nothing is sent. */
export function confirmBeforeSubmit(question: string | ((form: HTMLFormElement) => string) | undefined) {
  return (event: FormEvent<HTMLFormElement>) => {
    if (!question) return;
    const text = typeof question === "function" ? question(event.currentTarget) : question;
    if (!window.confirm(text)) event.preventDefault();
  };
}
