"use client";

import { useFormStatus } from "react-dom";
import { ActionForm, useFormState } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { toggleLikeAction } from "./actions";
import { OnSuccess } from "./on-success";

export function LikeButton({ productId, liked, count, onSuccess }: { productId: number; liked: boolean; count: number; onSuccess?: () => void }) {
  return (
    <ActionForm action={toggleLikeAction} message={false}>
      <Hidden values={{ productId, liked: String(!liked) }} />
      <OnSuccess run={onSuccess} />
      <Heart liked={liked} count={count} />
    </ActionForm>
  );
}

function Heart({ liked, count }: { liked: boolean; count: number }) {
  const { pending } = useFormStatus();
  const { state } = useFormState();
  // While the action runs, show the state it is moving to.
  const on = pending ? !liked : liked;
  const shown = pending ? count + (liked ? -1 : 1) : count;
  return (
    <div>
      <button
        type="submit"
        aria-pressed={on}
        aria-label={on ? "찜 해제" : "찜하기"}
        disabled={pending}
        data-testid="like-button"
        className={`inline-flex items-center gap-1.5 rounded-xl border px-3 py-2 text-sm font-semibold transition ${on ? "border-rose-300 bg-rose-50 text-rose-600" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
      >
        <span aria-hidden>{on ? "♥" : "♡"}</span>
        <span>찜</span>
        <span className="tabular-nums" data-testid="like-count">
          {Math.max(0, shown)}
        </span>
      </button>
      <div aria-live="polite">{state.ok === false ? <p className="mt-1 text-xs text-rose-600">{state.message}</p> : null}</div>
    </div>
  );
}
