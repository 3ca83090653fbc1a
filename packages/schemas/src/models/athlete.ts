import { z } from "zod";
import { DateStringSchema, Int } from "../common.ts";

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
});
export type Athlete = z.infer<typeof AthleteSchema>;
