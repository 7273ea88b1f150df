CREATE TYPE "public"."diagnostic_moment" AS ENUM('start', 'end', 'six_months');--> statement-breakpoint
CREATE TABLE "diagnostic_responses" (
	"user_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"moment" "diagnostic_moment" NOT NULL,
	"instrument" text NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnostic_responses_user_id_cycle_id_moment_pk" PRIMARY KEY("user_id","cycle_id","moment")
);
--> statement-breakpoint
ALTER TABLE "diagnostic_responses" ADD CONSTRAINT "diagnostic_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_responses" ADD CONSTRAINT "diagnostic_responses_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnostic_responses_cycle_idx" ON "diagnostic_responses" USING btree ("cycle_id","moment");