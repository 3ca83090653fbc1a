CREATE TABLE "measurements" (
	"local_ts" timestamp NOT NULL,
	"value" double precision NOT NULL,
	"record_id" bigint NOT NULL,
	"measurement" smallint NOT NULL,
	"utc_offset" smallint,
	"user_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "athlete" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "athlete" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "daily" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "daily" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "menstruation" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "menstruation" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "nutrition" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "nutrition" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sleep" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "sleep" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "measurements_user_idx" ON "measurements" USING btree ("user_id","measurement","local_ts","value");--> statement-breakpoint
CREATE INDEX "measurements_record_idx" ON "measurements" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "activity_change_idx" ON "activity" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "athlete_change_idx" ON "athlete" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "body_change_idx" ON "body" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "daily_change_idx" ON "daily" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "menstruation_change_idx" ON "menstruation" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "nutrition_change_idx" ON "nutrition" USING btree ("change_xid","id");--> statement-breakpoint
CREATE INDEX "sleep_change_idx" ON "sleep" USING btree ("change_xid","id");