ALTER TABLE "webhook_events" ALTER COLUMN "type" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "lost_leases" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_events_queue_idx" ON "webhook_events" USING btree ("id") WHERE status = 'received';