DROP INDEX "webhook_events_status_idx";--> statement-breakpoint
DROP INDEX "webhook_events_type_idx";--> statement-breakpoint
DROP INDEX "webhook_events_user_idx";--> statement-breakpoint
DROP INDEX "webhook_events_reference_idx";--> statement-breakpoint
CREATE INDEX "webhook_events_status_idx" ON "webhook_events" USING btree ("status","id") WHERE status in ('failed', 'pending', 'partial');--> statement-breakpoint
CREATE INDEX "webhook_events_type_idx" ON "webhook_events" USING btree ("type","id") WHERE type is not null;--> statement-breakpoint
CREATE INDEX "webhook_events_user_idx" ON "webhook_events" USING btree ("user_id","id") WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX "webhook_events_reference_idx" ON "webhook_events" USING btree ("reference") WHERE reference is not null;