// The CSV of an experiment's trend chart: exactly the months and arm means the chart draws.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { experimentTrendsCsv } from "~/domain/insights/experiments/experiment-chart.server";
import { loadExperimentResult } from "~/domain/insights/experiments/experiment-result.server";
import { notFoundExperiment } from "~/domain/insights/experiments/find-experiment.server";
import { NotFoundError } from "~/domain/http-errors";
import { messageIn } from "~/domain/i18n/translators";
import { requireOrgAdmin } from "~/require-user.server";

export async function loader(args: LoaderFunctionArgs) {
  try {
    return await trendsCsv(args);
  } catch (error) {
    // A download answers in plain text, where no page translates a catalogue key: a refusal is written here, in the reader's language.
    if (error instanceof Response && error.status >= 400 && error.status < 500) throw new Response(messageIn(args.context.language, await error.text()), { status: error.status, statusText: error.statusText });
    throw error;
  }
}

async function trendsCsv({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const id = z.string().uuid().safeParse(params.experimentId);
  if (!id.success) throw notFoundExperiment();
  const result = await loadExperimentResult(context.services.db, user, id.data);
  if (!result) throw new NotFoundError("insights:experiments.errors.noResultYet");
  return new Response(experimentTrendsCsv(result.trends), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="experiment-${id.data}-trends.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
