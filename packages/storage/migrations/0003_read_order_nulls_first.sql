DROP INDEX "activity_user_date_idx";--> statement-breakpoint
DROP INDEX "athlete_user_date_idx";--> statement-breakpoint
DROP INDEX "body_user_date_idx";--> statement-breakpoint
DROP INDEX "daily_user_date_idx";--> statement-breakpoint
DROP INDEX "menstruation_user_date_idx";--> statement-breakpoint
DROP INDEX "nutrition_user_date_idx";--> statement-breakpoint
DROP INDEX "sleep_user_date_idx";--> statement-breakpoint
CREATE INDEX "activity_user_date_idx" ON "activity" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "athlete_user_date_idx" ON "athlete" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "body_user_date_idx" ON "body" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "daily_user_date_idx" ON "daily" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "menstruation_user_date_idx" ON "menstruation" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "nutrition_user_date_idx" ON "nutrition" USING btree ("user_id","local_date" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "sleep_user_date_idx" ON "sleep" USING btree ("user_id","local_date" NULLS FIRST,"id");