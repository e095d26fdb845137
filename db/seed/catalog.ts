import type { Category } from "../schema";

// The seeded catalog: real Korean brands and the gifticons people actually trade, with their face values
// (prices as sold by the brands' own mobile-voucher shops in 2026; close enough for a demo market).

type SeedProduct = { name: string; nameEn: string; faceValue: number; emoji: string };
type SeedBrand = { slug: string; name: string; nameEn: string; category: Category; color: string; products: SeedProduct[] };

export const SEED_BRANDS: SeedBrand[] = [
  {
    slug: "starbucks", name: "스타벅스", nameEn: "Starbucks", category: "cafe", color: "#00704A",
    products: [
      { name: "카페 아메리카노 T", nameEn: "Caffè Americano Tall", faceValue: 4700, emoji: "☕" },
      { name: "아이스 카페 아메리카노 T", nameEn: "Iced Caffè Americano Tall", faceValue: 4700, emoji: "🧊" },
      { name: "카페 라떼 T", nameEn: "Caffè Latte Tall", faceValue: 5200, emoji: "🥛" },
      { name: "자바 칩 프라푸치노 T", nameEn: "Java Chip Frappuccino Tall", faceValue: 6500, emoji: "🍫" },
      { name: "e카드 3만원 교환권", nameEn: "e-Gift Card ₩30,000", faceValue: 30000, emoji: "💳" },
    ],
  },
  {
    slug: "twosome", name: "투썸플레이스", nameEn: "A Twosome Place", category: "cafe", color: "#B5121B",
    products: [
      { name: "아메리카노 R", nameEn: "Americano Regular", faceValue: 4700, emoji: "☕" },
      { name: "스트로베리 초콜릿 생크림 조각케이크", nameEn: "Strawberry Chocolate Cream Cake Slice", faceValue: 7300, emoji: "🍰" },
      { name: "아이스박스 조각케이크", nameEn: "Icebox Cake Slice", faceValue: 7000, emoji: "🎂" },
    ],
  },
  {
    slug: "ediya", name: "이디야커피", nameEn: "Ediya Coffee", category: "cafe", color: "#1E3A8A",
    products: [
      { name: "아메리카노 (L)", nameEn: "Americano Large", faceValue: 3500, emoji: "☕" },
      { name: "카페라떼 (L)", nameEn: "Caffè Latte Large", faceValue: 4000, emoji: "🥛" },
    ],
  },
  {
    slug: "mega-coffee", name: "메가MGC커피", nameEn: "Mega MGC Coffee", category: "cafe", color: "#F5C518",
    products: [
      { name: "(ICE) 아메리카노", nameEn: "Iced Americano", faceValue: 2000, emoji: "🧊" },
      { name: "메가리카노", nameEn: "Megaricano", faceValue: 3000, emoji: "🥤" },
    ],
  },
  {
    slug: "gs25", name: "GS25", nameEn: "GS25", category: "convenience", color: "#0EA5E9",
    products: [
      { name: "모바일 상품권 5천원", nameEn: "Mobile Voucher ₩5,000", faceValue: 5000, emoji: "🏪" },
      { name: "모바일 상품권 1만원", nameEn: "Mobile Voucher ₩10,000", faceValue: 10000, emoji: "🏪" },
    ],
  },
  {
    slug: "cu", name: "CU", nameEn: "CU", category: "convenience", color: "#7C3AED",
    products: [
      { name: "모바일 상품권 5천원", nameEn: "Mobile Voucher ₩5,000", faceValue: 5000, emoji: "🏪" },
      { name: "모바일 상품권 1만원", nameEn: "Mobile Voucher ₩10,000", faceValue: 10000, emoji: "🏪" },
      { name: "바나나맛 우유", nameEn: "Banana Milk", faceValue: 1900, emoji: "🍌" },
    ],
  },
  {
    slug: "seven-eleven", name: "세븐일레븐", nameEn: "7-Eleven", category: "convenience", color: "#EA580C",
    products: [{ name: "모바일 상품권 1만원", nameEn: "Mobile Voucher ₩10,000", faceValue: 10000, emoji: "🏪" }],
  },
  {
    slug: "bbq", name: "BBQ", nameEn: "BBQ Chicken", category: "chicken", color: "#DC2626",
    products: [
      { name: "황금올리브치킨 + 콜라 1.25L", nameEn: "Golden Olive Chicken + Coke 1.25L", faceValue: 25000, emoji: "🍗" },
      { name: "자메이카 통다리구이 + 콜라 1.25L", nameEn: "Jamaica Grilled Legs + Coke 1.25L", faceValue: 26500, emoji: "🍗" },
    ],
  },
  {
    slug: "kyochon", name: "교촌치킨", nameEn: "Kyochon Chicken", category: "chicken", color: "#A16207",
    products: [
      { name: "교촌오리지날 + 콜라 1.25L", nameEn: "Kyochon Original + Coke 1.25L", faceValue: 22000, emoji: "🍗" },
      { name: "허니콤보 + 콜라 1.25L", nameEn: "Honey Combo + Coke 1.25L", faceValue: 25000, emoji: "🍯" },
    ],
  },
  {
    slug: "bhc", name: "bhc", nameEn: "bhc Chicken", category: "chicken", color: "#B91C1C",
    products: [{ name: "뿌링클 + 콜라 1.25L", nameEn: "Bburinkle + Coke 1.25L", faceValue: 23000, emoji: "🧀" }],
  },
  {
    slug: "paris-baguette", name: "파리바게뜨", nameEn: "Paris Baguette", category: "bakery", color: "#1D4ED8",
    products: [
      { name: "모바일 교환권 1만원", nameEn: "Mobile Voucher ₩10,000", faceValue: 10000, emoji: "🥐" },
      { name: "모바일 교환권 3만원", nameEn: "Mobile Voucher ₩30,000", faceValue: 30000, emoji: "🎂" },
    ],
  },
  {
    slug: "tous-les-jours", name: "뚜레쥬르", nameEn: "Tous les Jours", category: "bakery", color: "#15803D",
    products: [{ name: "모바일 상품권 1만원", nameEn: "Mobile Voucher ₩10,000", faceValue: 10000, emoji: "🥖" }],
  },
  {
    slug: "baskin-robbins", name: "배스킨라빈스", nameEn: "Baskin Robbins", category: "icecream", color: "#DB2777",
    products: [
      { name: "싱글레귤러", nameEn: "Single Regular", faceValue: 3900, emoji: "🍦" },
      { name: "파인트", nameEn: "Pint", faceValue: 9800, emoji: "🍨" },
      { name: "쿼터", nameEn: "Quarter", faceValue: 18500, emoji: "🍨" },
    ],
  },
  {
    slug: "mcdonalds", name: "맥도날드", nameEn: "McDonald's", category: "burger", color: "#FBBF24",
    products: [
      { name: "빅맥 세트", nameEn: "Big Mac Meal", faceValue: 7400, emoji: "🍔" },
      { name: "맥스파이시 상하이 버거 세트", nameEn: "McSpicy Shanghai Meal", faceValue: 7600, emoji: "🌶️" },
    ],
  },
  {
    slug: "burger-king", name: "버거킹", nameEn: "Burger King", category: "burger", color: "#F97316",
    products: [
      { name: "와퍼 세트", nameEn: "Whopper Meal", faceValue: 9400, emoji: "🍔" },
      { name: "콰트로치즈와퍼 세트", nameEn: "Quattro Cheese Whopper Meal", faceValue: 10100, emoji: "🧀" },
    ],
  },
  {
    slug: "lotteria", name: "롯데리아", nameEn: "Lotteria", category: "burger", color: "#E11D48",
    products: [{ name: "불고기버거 세트", nameEn: "Bulgogi Burger Meal", faceValue: 7500, emoji: "🍔" }],
  },
  {
    slug: "dominos", name: "도미노피자", nameEn: "Domino's Pizza", category: "pizza", color: "#2563EB",
    products: [
      { name: "포테이토 L + 콜라 1.25L", nameEn: "Potato Pizza L + Coke 1.25L", faceValue: 33900, emoji: "🍕" },
      { name: "슈퍼디럭스 L", nameEn: "Super Deluxe L", faceValue: 30900, emoji: "🍕" },
    ],
  },
  {
    slug: "sulbing", name: "설빙", nameEn: "Sulbing", category: "dessert", color: "#94A3B8",
    products: [{ name: "인절미설빙", nameEn: "Injeolmi Bingsu", faceValue: 9900, emoji: "🍧" }],
  },
  {
    slug: "cgv", name: "CGV", nameEn: "CGV", category: "movie", color: "#E50914",
    products: [
      { name: "2D 일반 관람권", nameEn: "2D Movie Ticket", faceValue: 15000, emoji: "🎬" },
      { name: "콤보 (팝콘 L + 음료 2)", nameEn: "Combo (Popcorn L + 2 Drinks)", faceValue: 10000, emoji: "🍿" },
    ],
  },
  {
    slug: "megabox", name: "메가박스", nameEn: "Megabox", category: "movie", color: "#4C1D95",
    products: [{ name: "일반 관람권 (2D)", nameEn: "Movie Ticket (2D)", faceValue: 14000, emoji: "🎟️" }],
  },
  {
    slug: "lotte-cinema", name: "롯데시네마", nameEn: "Lotte Cinema", category: "movie", color: "#DC2626",
    products: [{ name: "일반 관람권", nameEn: "Movie Ticket", faceValue: 15000, emoji: "🎞️" }],
  },
  {
    slug: "shinsegae", name: "신세계상품권", nameEn: "Shinsegae Gift Card", category: "giftcard", color: "#111827",
    products: [
      { name: "모바일 상품권 5만원", nameEn: "Mobile Gift Card ₩50,000", faceValue: 50000, emoji: "🎁" },
      { name: "모바일 상품권 10만원", nameEn: "Mobile Gift Card ₩100,000", faceValue: 100000, emoji: "🎁" },
    ],
  },
  {
    slug: "cultureland", name: "컬쳐랜드", nameEn: "Cultureland", category: "giftcard", color: "#0F766E",
    products: [{ name: "문화상품권 1만원", nameEn: "Culture Gift Card ₩10,000", faceValue: 10000, emoji: "📚" }],
  },
];

export const SEED_USERS = [
  { email: "admin@gifticon.test", nickname: "운영자", role: "admin" as const, password: "admin-demo-1234", points: 0 },
  { email: "seller@gifticon.test", nickname: "판매왕", role: "user" as const, password: "seller-demo-1234", points: 20000 },
  { email: "buyer@gifticon.test", nickname: "알뜰구매", role: "user" as const, password: "buyer-demo-1234", points: 200000 },
  ...["민지", "서준", "하은", "도윤", "지우", "예준", "수아", "시우", "지호", "서연"].map((n, i) => ({
    email: `trader${i + 1}@gifticon.test`,
    nickname: `${n}${i + 1}`,
    role: "user" as const,
    password: "trader-demo-1234",
    points: 150000,
  })),
];
