CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text,
	`actor_type` integer NOT NULL,
	`action` integer NOT NULL,
	`session_id` text,
	CONSTRAINT "audit_log_actor_type_code" CHECK("audit_log"."actor_type" BETWEEN 0 AND 4),
	CONSTRAINT "audit_log_action_code" CHECK("audit_log"."action" BETWEEN 0 AND 8)
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_session_at` ON `audit_log` (`session_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_at` ON `audit_log` (`actor`,`at`,`id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `device` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_device_started` ON `sessions` (`device`,`started_at`,`id`);