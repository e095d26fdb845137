import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ProductTile } from "@/components/catalog/product-tile";
import { AskTable, BidTable } from "@/components/product/order-book";
import { PriceChart, TradeList } from "@/components/product/trade-history";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { getProductBook } from "@/lib/catalog/queries";
import { productIdSchema } from "@/lib/catalog/schemas";
import { percentOff, won } from "@/lib/format";

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  const id = productIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const book = await getProductBook(id.data);
  if (!book) notFound();
  return book;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { product } = await load(params);
  return { title: `${product.brandName} ${product.name}` };
}

export default async function ProductPage({ params }: Props) {
  await connection();
  const book = await load(params);
  const { product, asks, bids, trades } = book;
  const best = asks[0];
  return (
    <div className="space-y-6">
      <nav aria-label="위치" className="text-sm text-slate-500">
        <Link href="/products" className="hover:underline">둘러보기</Link> ›{" "}
        <Link href={`/products?category=${product.category}`} className="hover:underline">{CATEGORY_LABELS[product.category]}</Link> ›{" "}
        <Link href={`/products?brand=${product.brandSlug}`} className="hover:underline">{product.brandName}</Link>
      </nav>

      <section className="flex flex-col gap-5 rounded-3xl border border-slate-200 bg-white p-5 sm:flex-row sm:p-6">
        <ProductTile emoji={product.emoji} color={product.brandColor} size="lg" label={`${product.brandName} ${product.name}`} />
        <div className="flex-1 space-y-3">
          <div>
            <p className="text-sm font-medium text-slate-500">{product.brandName}</p>
            <h1 className="text-xl font-bold leading-snug sm:text-2xl">{product.name}</h1>
            <p className="text-sm text-slate-500">{product.nameEn}</p>
          </div>
          <dl className="grid grid-cols-3 gap-2 text-center">
            <div className="rounded-xl bg-slate-50 p-2">
              <dt className="text-xs text-slate-500">정가</dt>
              <dd className="font-semibold">{won(product.faceValue)}</dd>
            </div>
            <div className="rounded-xl bg-rose-50 p-2">
              <dt className="text-xs text-slate-500">즉시 구매가</dt>
              <dd className="font-semibold text-ask" data-testid="best-ask">
                {best ? won(best.price) : "—"}
              </dd>
            </div>
            <div className="rounded-xl bg-blue-50 p-2">
              <dt className="text-xs text-slate-500">즉시 판매가</dt>
              <dd className="font-semibold text-bid" data-testid="best-bid">
                {bids[0] ? won(bids[0].price) : "—"}
              </dd>
            </div>
          </dl>
          {best ? (
            <p className="text-sm text-slate-600">
              정가보다 <strong className="text-ask">{percentOff(best.price, product.faceValue)}%</strong> 저렴하게 살 수 있어요.
            </p>
          ) : null}
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="asks-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
          <h2 id="asks-heading" className="mb-2 font-bold">
            판매 중 <span className="text-sm font-normal text-slate-500">{asks.length}건</span>
          </h2>
          <AskTable asks={asks} faceValue={product.faceValue} />
        </section>
        <section aria-labelledby="bids-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
          <h2 id="bids-heading" className="mb-2 font-bold">
            구매 입찰 <span className="text-sm font-normal text-slate-500">{bids.length}건</span>
          </h2>
          <BidTable bids={bids} faceValue={product.faceValue} />
        </section>
      </div>

      <section aria-labelledby="trades-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
        <h2 id="trades-heading" className="mb-2 font-bold">시세</h2>
        <PriceChart trades={trades} faceValue={product.faceValue} />
        <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-700">최근 체결</h3>
        <TradeList trades={trades} />
      </section>
    </div>
  );
}
