// Every unknown address ends here: a friendly 404 with the site around it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { NotFoundError } from "~/domain/http-errors";

export async function loader(_: LoaderFunctionArgs) {
  throw new NotFoundError();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;
