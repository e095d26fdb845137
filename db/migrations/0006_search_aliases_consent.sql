CREATE TABLE `search_aliases` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`alias` varchar(40) NOT NULL,
	`expansion` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `search_aliases_id` PRIMARY KEY(`id`),
	CONSTRAINT `search_aliases_alias_uq` UNIQUE(`alias`)
);
--> statement-breakpoint
INSERT INTO `search_aliases` (`alias`, `expansion`) VALUES
	('스벅', '스타벅스'), ('스타벅', '스타벅스'), ('starbuck', '스타벅스'), ('sbux', '스타벅스'),
	('아아', '아이스 아메리카노'), ('뜨아', '아메리카노'), ('아메', '아메리카노'), ('아이스', 'ice'),
	('메가커피', '메가MGC커피'), ('메가엠지씨', '메가MGC커피'), ('투썸', '투썸플레이스'), ('이디야', '이디야커피'),
	('베라', '배스킨라빈스'), ('배라', '배스킨라빈스'), ('베스킨라빈스', '배스킨라빈스'), ('배스킨', '배스킨라빈스'),
	('파바', '파리바게뜨'), ('파리바게트', '파리바게뜨'), ('뚜쥬', '뚜레쥬르'),
	('맥날', '맥도날드'), ('맥도', '맥도날드'), ('버킹', '버거킹'), ('롯리', '롯데리아'), ('도미노', '도미노피자'),
	('비비큐', 'BBQ'), ('황올', '황금올리브치킨'), ('허콤', '허니콤보'), ('교촌', '교촌치킨'),
	('씨유', 'CU'), ('지에스', 'GS25'), ('세븐', '세븐일레븐'), ('711', '세븐일레븐'),
	('문상', '문화상품권'), ('롯시', '롯데시네마'), ('씨지비', 'CGV');
--> statement-breakpoint
ALTER TABLE `users` ADD `terms_agreed_at` datetime(3);