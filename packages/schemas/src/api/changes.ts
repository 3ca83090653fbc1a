// Bodies of the change feed (GET /v1/changes).
import { z } from "zod";
import { ApiDateSchema } from "./common.ts";

export const ApiChangeSchema = z
  .object({
    type: z.string().describe("Terra data type (daily, body, sleep, activity, …)"),
    user_id: z.string(),
    key: z.string().describe("Natural key of the record (summary id, or the day)"),
    date: ApiDateSchema.nullable().describe("Date part of metadata.start_time as Terra wrote it"),
    revision: z
      .number()
      .int()
      .describe("1 when created; one more each time its document changed or it moved"),
    change: z.enum(["created", "revised"]),
    updated_at: z.string(),
    document: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("With documents=true: the record's document as stored"),
  })
  .meta({ id: "Change" });
export type ApiChange = z.infer<typeof ApiChangeSchema>;

export const ApiChangePageSchema = z
  .object({
    data: z.array(ApiChangeSchema),
    next_cursor: z
      .string()
      .describe("Pass as `after` on the next poll. Never null: with no new change it is the `after` given"),
    has_more: z.boolean().describe("The page is full: poll again at once"),
  })
  .meta({
    id: "ChangePage",
    example: {
      data: [
        {
          type: "daily",
          user_id: "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
          key: "2026-03-02",
          date: "2026-03-02",
          revision: 3,
          change: "revised",
          updated_at: "2026-03-02T21:40:12.345Z",
        },
      ],
      next_cursor: "YzEuNzczNjEuMi41MjE",
      has_more: false,
    },
  });
export type ApiChangePage = z.infer<typeof ApiChangePageSchema>;
