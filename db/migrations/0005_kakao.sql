CREATE TABLE `user_identities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`provider` varchar(20) NOT NULL,
	`subject` varchar(64) NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `user_identities_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_identities_subject_uq` UNIQUE(`provider`,`subject`),
	CONSTRAINT `user_identities_user_uq` UNIQUE(`user_id`,`provider`)
);
--> statement-breakpoint
ALTER TABLE `users` MODIFY COLUMN `email` varchar(254);--> statement-breakpoint
ALTER TABLE `users` MODIFY COLUMN `password_hash` varchar(255);--> statement-breakpoint
ALTER TABLE `user_identities` ADD CONSTRAINT `user_identities_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;