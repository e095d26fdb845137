CREATE TABLE `commit_seq` (
	`id` int NOT NULL,
	`n` bigint unsigned NOT NULL,
	CONSTRAINT `commit_seq_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
INSERT INTO `commit_seq` (`id`, `n`) VALUES (1, 1000000000000);
