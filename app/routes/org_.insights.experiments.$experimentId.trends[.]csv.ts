// The CSV of an experiment's trend chart: exactly the months and arm means the chart draws.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { experimentTrendsCsv } from "~/domain/insights/experiments/experiment-chart.server";
import { loadExperimentResult } from "~/domain/insights/experiments/experiment-result.server";
import { notFoundExperiment } from "~/domain/insights/experiments/find-experiment.server";
import { NotFoundError } from "~/domain/http-errors";
import { requireOrgAdmin } from "~/require-user.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const id = z.string().uuid().safeParse(params.experimentId);
  if (!id.success) throw notFoundExperiment();
  const result = await loadExperimentResult(context.services.db, user, id.data);
  if (!result) throw new NotFoundError("This experiment has no result before it is assigned.");
  return new Response(experimentTrendsCsv(result.trends), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="experiment-${id.data}-trends.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
