import { z } from "zod";
import { Int, TimestampSchema } from "../common.ts";

export const TerraUserSchema = z.looseObject({
  user_id: z.string().min(1),
  provider: z.string().min(1),
  created_at: z.string().nullish(),
  last_webhook_update: z.string().nullish(),
  scopes: z.string().nullish(),
  reference_id: z.string().nullish(),
  active: z.boolean().nullish(),
  // Only in GET /userInfo answers (2026 spec), not in webhook users.
  last_polled_at: TimestampSchema.nullish(),
  most_recent_data_at: TimestampSchema.nullish(),
});
export type TerraUser = z.infer<typeof TerraUserSchema>;

/**
 * The user of a lifecycle event that needs only the connection id (deauth, access_revoked,
 * connection_error, permission_change, …): Terra has sent these with `provider: null`, and such an
 * event must still be applied. `provider` stays a required key (null or a non-empty string).
 */
export const LifecycleUserSchema = TerraUserSchema.extend({ provider: z.string().min(1).nullable() });
export type LifecycleUser = z.infer<typeof LifecycleUserSchema>;

export const ConnectionSchema = z.looseObject({
  id: Int,
  reference_id: z.string().nullish(),
  created_at: z.string(),
  provider: z.string(),
  last_polled_at: z.string().nullish(),
  last_updated_at: z.string().nullish(),
  most_recent_data_at: z.string().nullish(),
  scopes: z.array(z.string()),
});
export type Connection = z.infer<typeof ConnectionSchema>;
