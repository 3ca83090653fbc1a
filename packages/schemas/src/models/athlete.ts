import { z } from "zod";
import { DateStringSchema, Int } from "../common.ts";
import { DeviceDataSchema } from "./shared.ts";

export const AthleteSchema = z.looseObject({
  age: Int.nullish(),
  country: z.string().nullish(),
  bio: z.string().nullish(),
  state: z.string().nullish(),
  last_name: z.string().nullish(),
  sex: z.string().nullish(),
  city: z.string().nullish(),
  email: z.string().nullish(),
  date_of_birth: DateStringSchema.nullish(),
  first_name: z.string().nullish(),
  gender: z.string().nullish(),
  account_creation_date: DateStringSchema.nullish(),
  provider_user_id: z.string().nullish(),
  // In Terra's SDK (2.0.x), not in the 2026 spec: "account creation date" (free-form, like
  // account_creation_date where providers differ) and the user's devices.
  joined_provider: z.string().nullish(),
  devices: z.array(DeviceDataSchema).nullish(),
});
export type Athlete = z.infer<typeof AthleteSchema>;
