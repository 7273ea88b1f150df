ALTER TABLE "organisations" ADD COLUMN "default_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_default_language" CHECK ("organisations"."default_language" in ('en', 'ja'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_language" CHECK ("users"."language" is null or "users"."language" in ('en', 'ja'));