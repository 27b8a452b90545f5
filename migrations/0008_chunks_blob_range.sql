ALTER TABLE `chunks` ADD `blob_offset` integer;--> statement-breakpoint
ALTER TABLE `chunks` ADD `blob_length` integer;