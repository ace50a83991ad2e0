"use server";

import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/accounts/server/account";
import { runAction, type ActionState } from "@/lib/core/action";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";

export async function changePasswordAction(_previous: ActionState | null, formData: FormData) {
  const state = await runAction(
    {
      operation: ACCOUNT_OPERATIONS.changeOwnPassword,
      schema: changePasswordSchema,
      run: (actor, input) => changeOwnPassword(actor, input),
    },
    formData,
  );
  if (state.ok) redirect("/?notice=passwordChanged");
  return state;
}
