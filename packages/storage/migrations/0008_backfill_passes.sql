CREATE TABLE "backfill_passes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pass" text NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"users_active" integer DEFAULT 0 NOT NULL,
	"windows_planned" integer DEFAULT 0 NOT NULL,
	"windows_done" integer DEFAULT 0 NOT NULL,
	"windows_failed" integer DEFAULT 0 NOT NULL,
	"windows_deferred" integer DEFAULT 0 NOT NULL,
	"documents_inserted" integer DEFAULT 0 NOT NULL,
	"documents_updated" integer DEFAULT 0 NOT NULL,
	"documents_unchanged" integer DEFAULT 0 NOT NULL,
	"invalid_records" integer DEFAULT 0 NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error_summary" text
);
--> statement-breakpoint
CREATE INDEX "backfill_passes_kind_idx" ON "backfill_passes" USING btree ("kind","finished_at");