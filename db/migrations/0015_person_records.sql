CREATE TABLE "person_records" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"level" text DEFAULT '' NOT NULL,
	"started" date,
	"left" date,
	CONSTRAINT "person_records_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "person_records_months" CHECK (("person_records"."started" is null or extract(day from "person_records"."started") = 1) and ("person_records"."left" is null or extract(day from "person_records"."left") = 1)),
	CONSTRAINT "person_records_left_after_started" CHECK ("person_records"."left" is null or "person_records"."started" is null or "person_records"."left" >= "person_records"."started")
);
--> statement-breakpoint
ALTER TABLE "person_records" ADD CONSTRAINT "person_records_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_records" ADD CONSTRAINT "person_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;