import { signOutAction } from "./actions";

// A plain form: signing out works without JavaScript too.
export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className={className}>
        로그아웃
      </button>
    </form>
  );
}
