import { useNavigate } from "@solidjs/router";
import { dropToken } from "../api/token";

/** A handler that forgets this tab's token and goes to sign-in (call it inside a component). */
export function useSignOut(): () => void {
  const navigate = useNavigate();
  return () => {
    dropToken("signed_out");
    navigate("/sign-in", { replace: true });
  };
}
