DROP INDEX `sessions_erased`;--> statement-breakpoint
CREATE INDEX `sessions_frustration` ON `sessions` ("rage_clicks" + "dead_clicks",`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_erased` ON `sessions` (`erased_at`) WHERE "sessions"."erased_at" IS NOT NULL;