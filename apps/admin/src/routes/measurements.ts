import { createRoute } from "@hono/zod-openapi";
import { type ApiMeasurement, ApiMeasurementListSchema, renderCatalogJson } from "@wearables/schemas";
import type { AppDeps } from "../deps.ts";
import { errorResponses } from "../errors.ts";
import { newRouter } from "../router.ts";

const listMeasurements = createRoute({
  method: "get",
  path: "/measurements",
  tags: ["series"],
  summary:
    "The measurement catalog: every Withings measurement Terra carries, with its unit (UCUM), source and aggregation",
  description:
    "The same list as @wearables/schemas' measurements.json. Names are what `measurement` takes in the series routes.",
  responses: {
    200: {
      description: "Every measurement, in code order",
      content: { "application/json": { schema: ApiMeasurementListSchema } },
    },
    ...errorResponses,
  },
});

// Rendered once: the catalog is part of the code, not of the data.
const CATALOG = {
  data: (JSON.parse(renderCatalogJson()) as { measurements: ApiMeasurement[] }).measurements,
};

export function measurementsRouter(_deps: AppDeps) {
  return newRouter().openapi(listMeasurements, (c) => c.json(CATALOG, 200));
}
