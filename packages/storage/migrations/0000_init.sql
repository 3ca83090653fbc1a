CREATE TABLE "activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activity_type" integer,
	"duration_seconds" double precision
);
--> statement-breakpoint
CREATE TABLE "athlete" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_user_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "backfill_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"data_types" text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"windows_total" integer DEFAULT 0 NOT NULL,
	"windows_done" integer DEFAULT 0 NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backfill_windows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" bigint,
	"user_id" text NOT NULL,
	"data_type" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"reference" text,
	"expected_payloads" integer,
	"received_payloads" integer DEFAULT 0 NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "body" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"weight_kg" double precision,
	"bodyfat_percentage" double precision,
	"systolic_bp" double precision,
	"diastolic_bp" double precision,
	"afib_positive_count" integer
);
--> statement-breakpoint
CREATE TABLE "coverage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"data_type" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"job_id" bigint
);
--> statement-breakpoint
CREATE TABLE "daily" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"steps" integer,
	"distance_meters" double precision,
	"active_calories" double precision,
	"resting_hr_bpm" double precision
);
--> statement-breakpoint
CREATE TABLE "large_request_chunks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"delivery_key" text NOT NULL,
	"user_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "large_request_chunks_uq" UNIQUE("reference","delivery_key")
);
--> statement-breakpoint
CREATE TABLE "menstruation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nutrition" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sleep" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"natural_key" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"local_date" date,
	"document" jsonb NOT NULL,
	"ordering_ts" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"event_id" bigint,
	"last_write_changed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"asleep_seconds" double precision,
	"sleep_efficiency" double precision,
	"in_bed_seconds" double precision
);
--> statement-breakpoint
CREATE TABLE "terra_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"reference_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"scopes" text,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"connected_at" timestamp with time zone,
	"deauthorized_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"replaced_by" text,
	"replaces" text
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_key" text NOT NULL,
	"trace_id" text,
	"reference" text,
	"type" text NOT NULL,
	"user_id" text,
	"raw_body" "bytea",
	"body_sha256" text NOT NULL,
	"body_bytes" integer NOT NULL,
	"ordering_ts" bigint,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"processed_at" timestamp with time zone,
	"source" text DEFAULT 'webhook' NOT NULL,
	CONSTRAINT "webhook_events_delivery_key_uq" UNIQUE("delivery_key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "activity_user_key_uq" ON "activity" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "activity_user_date_idx" ON "activity" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "athlete_user_key_uq" ON "athlete" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "athlete_user_date_idx" ON "athlete" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_user_id","id");--> statement-breakpoint
CREATE INDEX "backfill_jobs_status_idx" ON "backfill_jobs" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "backfill_jobs_user_idx" ON "backfill_jobs" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "backfill_windows_live_uq" ON "backfill_windows" USING btree ("user_id","data_type","start_date","end_date") WHERE status IN ('pending', 'leased', 'waiting_webhook');--> statement-breakpoint
CREATE INDEX "backfill_windows_claim_idx" ON "backfill_windows" USING btree ("status","not_before");--> statement-breakpoint
CREATE INDEX "backfill_windows_job_idx" ON "backfill_windows" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "backfill_windows_reference_idx" ON "backfill_windows" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "body_user_key_uq" ON "body" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "body_user_date_idx" ON "body" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE INDEX "coverage_user_type_idx" ON "coverage" USING btree ("user_id","data_type","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_user_key_uq" ON "daily" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "daily_user_date_idx" ON "daily" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "menstruation_user_key_uq" ON "menstruation" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "menstruation_user_date_idx" ON "menstruation" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "nutrition_user_key_uq" ON "nutrition" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "nutrition_user_date_idx" ON "nutrition" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sleep_user_key_uq" ON "sleep" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "sleep_user_date_idx" ON "sleep" USING btree ("user_id","local_date","id");--> statement-breakpoint
CREATE INDEX "terra_users_reference_id_idx" ON "terra_users" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "terra_users_status_idx" ON "terra_users" USING btree ("status","user_id");--> statement-breakpoint
CREATE INDEX "webhook_events_status_idx" ON "webhook_events" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "webhook_events_type_idx" ON "webhook_events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "webhook_events_user_idx" ON "webhook_events" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "webhook_events_reference_idx" ON "webhook_events" USING btree ("reference");