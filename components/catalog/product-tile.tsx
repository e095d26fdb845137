// The product's picture: its emoji on the brand's colour (the catalog has no photos to license).
export function ProductTile({ emoji, color, size = "md", label }: { emoji: string; color: string; size?: "sm" | "md" | "lg"; label?: string }) {
  const box = { sm: "h-12 w-12 text-2xl", md: "aspect-square w-full text-5xl", lg: "h-32 w-32 text-6xl sm:h-40 sm:w-40 sm:text-7xl" }[size];
  return (
    <div
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={`${box} flex shrink-0 items-center justify-center rounded-xl`}
      style={{ background: `linear-gradient(135deg, ${color}22, ${color}55)` }}
    >
      <span>{emoji}</span>
    </div>
  );
}
