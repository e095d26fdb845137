CREATE TABLE `book_locks` (
	`product_id` bigint unsigned NOT NULL,
	CONSTRAINT `book_locks_product_id` PRIMARY KEY(`product_id`)
);
