ALTER TABLE `users` ADD `nickname_key` char(64);--> statement-breakpoint
ALTER TABLE `users` ADD CONSTRAINT `users_nickname_key_uq` UNIQUE(`nickname_key`);