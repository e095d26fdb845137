"use client";

import { ActionForm, Field, SelectField, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import {
  createBrandAction,
  createCouponAction,
  createProductAction,
  issueCouponAction,
  updateProductAction,
} from "./actions";

const categoryOptions = [{ value: "", label: "카테고리 선택" }, ...Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))];

export function CreateCouponForm({ defaultValidUntil }: { defaultValidUntil: string }) {
  return (
    <ActionForm action={createCouponAction} className="grid gap-3 sm:grid-cols-2" aria-label="쿠폰 만들기">
      <Field name="code" label="쿠폰 코드" placeholder="예: SPRING2000" autoComplete="off" required />
      <Field name="name" label="쿠폰 이름" placeholder="예: 봄맞이 2,000원 할인" required />
      <SelectField
        name="audience"
        label="받는 사람"
        defaultValue="public"
        options={[
          { value: "public", label: "공개: 코드를 아는 누구나 1회 등록" },
          { value: "issued", label: "지정 발급: 관리자가 발급한 회원만" },
        ]}
      />
      <Field name="maxClaims" label="총 발급 한도 (공개 쿠폰, 선택)" inputMode="numeric" placeholder="비우면 제한 없음" />
      <SelectField
        name="kind"
        label="할인 방식"
        defaultValue="amount"
        options={[
          { value: "amount", label: "정액 (원)" },
          { value: "percent", label: "정률 (%)" },
        ]}
      />
      <Field name="value" label="할인 값" inputMode="numeric" placeholder="원 또는 %" required />
      <Field name="minPrice" label="최소 구매 금액 (원)" inputMode="numeric" defaultValue="0" />
      <Field name="maxDiscount" label="최대 할인 금액 (원, 정률일 때)" inputMode="numeric" />
      <Field name="validUntil" label="유효기간 (이 날까지)" type="date" defaultValue={defaultValidUntil} required />
      <div className="flex items-end">
        <SubmitButton className="w-full" pendingLabel="만드는 중…">
          쿠폰 만들기
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

export function IssueCouponForm({ coupons }: { coupons: { id: number; label: string }[] }) {
  return (
    <ActionForm action={issueCouponAction} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="쿠폰 발급">
      <SelectField name="couponId" label="쿠폰" options={[{ value: "", label: "쿠폰 선택" }, ...coupons.map((c) => ({ value: c.id, label: c.label }))]} />
      <Field name="email" label="회원 이메일" type="email" autoComplete="off" placeholder="user@example.com" required />
      <SubmitButton pendingLabel="발급 중…">발급</SubmitButton>
    </ActionForm>
  );
}

export function CreateBrandForm() {
  return (
    <ActionForm action={createBrandAction} className="grid gap-3 sm:grid-cols-2" aria-label="브랜드 추가">
      <Field name="name" label="브랜드 이름" placeholder="예: 투썸플레이스" required />
      <Field name="nameEn" label="영문 이름" placeholder="예: A Twosome Place" required />
      <Field name="slug" label="주소용 이름" placeholder="예: twosome" hint="영문 소문자, 숫자, -" required />
      <SelectField name="category" label="카테고리" options={categoryOptions} />
      <Field name="color" label="대표 색" type="color" defaultValue="#64748b" className="[&_input]:h-11 [&_input]:p-1" />
      <div className="flex items-end">
        <SubmitButton className="w-full" pendingLabel="추가하는 중…">
          브랜드 추가
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

export function CreateProductForm({ brands }: { brands: { id: number; name: string }[] }) {
  return (
    <ActionForm action={createProductAction} className="grid gap-3 sm:grid-cols-2" aria-label="상품 추가">
      <SelectField name="brandId" label="브랜드" options={[{ value: "", label: "브랜드 선택" }, ...brands.map((b) => ({ value: b.id, label: b.name }))]} />
      <Field name="name" label="상품 이름" placeholder="예: 아이스 카페 아메리카노 R" required />
      <Field name="nameEn" label="영문 이름" placeholder="예: Iced Americano Regular" required />
      <Field name="faceValue" label="정가 (원)" inputMode="numeric" placeholder="예: 4500" required />
      <Field name="emoji" label="대표 이모지" defaultValue="🎁" maxLength={16} />
      <div className="flex items-end">
        <SubmitButton className="w-full" pendingLabel="추가하는 중…">
          상품 추가
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

export function EditProductForm({ product }: { product: { id: number; name: string; faceValue: number; active: boolean } }) {
  return (
    <ActionForm action={updateProductAction} className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" aria-label={`상품 #${product.id} 수정`}>
      <Hidden values={{ productId: product.id }} />
      <Field name="name" label="이름" defaultValue={product.name} required />
      <Field name="faceValue" label="정가 (원)" inputMode="numeric" defaultValue={product.faceValue} required />
      <SelectField
        name="active"
        label="판매"
        defaultValue={String(product.active)}
        options={[
          { value: "true", label: "판매 중" },
          { value: "false", label: "중지" },
        ]}
      />
      <SubmitButton size="md" pendingLabel="저장 중…">
        저장
      </SubmitButton>
    </ActionForm>
  );
}
