ALTER TABLE "modules" ALTER COLUMN "title_vector" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "translation_of" uuid;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_translation_of_modules_id_fk" FOREIGN KEY ("translation_of") REFERENCES "public"."modules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "modules_translation_language_idx" ON "modules" USING btree (coalesce("translation_of", "id"),"language");--> statement-breakpoint
CREATE INDEX "modules_translation_of_idx" ON "modules" USING btree ("translation_of") WHERE "modules"."translation_of" is not null;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_language" CHECK ("modules"."language" in ('en', 'ja'));--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_translation_not_itself" CHECK ("modules"."translation_of" <> "modules"."id");