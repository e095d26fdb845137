// Class names shared by buttons, links that look like buttons, and inputs (one look everywhere).

const base =
  "inline-flex items-center justify-center gap-1.5 rounded-xl font-semibold transition focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  ask: "bg-ask text-white hover:bg-rose-700",
  bid: "bg-bid text-white hover:bg-blue-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "border border-rose-300 bg-white text-rose-700 hover:bg-rose-50",
  ghost: "text-slate-700 hover:bg-slate-100",
} as const;

const sizes = { sm: "px-3 py-1.5 text-sm", md: "px-4 py-2.5 text-sm", lg: "px-5 py-3 text-base" } as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

export const buttonClass = (variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = "") =>
  `${base} ${variants[variant]} ${sizes[size]} ${extra}`.trim();

// 16px text on phones: smaller inputs make iOS zoom in on focus.
export const inputClass =
  "block w-full rounded-xl border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 placeholder:text-slate-500 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-rose-500 aria-[invalid=true]:ring-rose-500/20 sm:text-sm";

export const cardClass = "rounded-2xl border border-slate-200 bg-white p-4 sm:p-5";
