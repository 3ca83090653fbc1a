import { z } from "zod";
import { Num, TimestampSchema } from "../common.ts";

export const HormoneSampleSchema = z.looseObject({
  timestamp: TimestampSchema,
  lh_mIU_per_ml: Num.nullish(),
  e3g_ng_per_ml: Num.nullish(),
  pdg_ug_per_ml: Num.nullish(),
  hcg_mIU_per_ml: Num.nullish(),
  fsh_mIU_per_ml: Num.nullish(),
});
export type HormoneSample = z.infer<typeof HormoneSampleSchema>;
