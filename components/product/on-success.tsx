"use client";

import { useEffect, useRef } from "react";
import { useFormState } from "@/components/ui/form";

/** Inside an <ActionForm>: runs `run` once per successful result that stays on the page. */
export function OnSuccess({ run }: { run?: () => void }) {
  const { state } = useFormState();
  const seen = useRef(state.at);
  useEffect(() => {
    if (state.ok !== true || state.at === seen.current) return;
    seen.current = state.at;
    run?.();
  }, [state, run]);
  return null;
}
