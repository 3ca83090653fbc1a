CREATE TABLE "large_requests" (
	"reference" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"expected_payloads" integer,
	"processing_at" timestamp with time zone,
	"sending_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "large_request_chunks" ADD COLUMN "documents" integer DEFAULT 0 NOT NULL;