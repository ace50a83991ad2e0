"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createUser, resetPassword, setUserDisabled, unlockUser, updateUser } from "@/lib/accounts/server/users";
import { createUserSchema, updateUserSchema, userCommandSchema } from "@/lib/accounts/schemas";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import type { OperationSpec } from "@/lib/core/operations";

export interface IssuedPassword {
  userId: number;
  username: string;
  temporaryPassword: string;
}

export async function createUserAction(_previous: ActionState<IssuedPassword> | null, formData: FormData) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.createUser,
      schema: createUserSchema,
      run: async (actor, input) => {
        const { user, temporaryPassword } = await createUser(actor, input);
        revalidatePath("/admin/users");
        return { userId: user.id, username: user.username, temporaryPassword };
      },
    },
    formData,
  );
}

export async function updateUserAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.updateUser,
      objectId: formData.get("userId"),
      schema: updateUserSchema,
      run: async (actor, input) => {
        const user = await updateUser(actor, input);
        revalidatePath("/admin/users");
        return { version: user.version };
      },
    },
    formData,
  );
}

/** One action for the account commands on the user page: disable, enable, unlock, reset. */
export async function userCommandAction(
  _previous: ActionState<{ command: string; temporaryPassword?: string }> | null,
  formData: FormData,
) {
  const command = String(formData.get("command"));
  const operations: Record<string, OperationSpec> = {
    disable: ACCOUNT_OPERATIONS.disableUser,
    enable: ACCOUNT_OPERATIONS.enableUser,
    unlock: ACCOUNT_OPERATIONS.unlockUser,
    reset: ACCOUNT_OPERATIONS.resetPassword,
  };
  return runAction(
    {
      operation: Object.hasOwn(operations, command) ? operations[command]! : ACCOUNT_OPERATIONS.unknownCommand,
      objectId: formData.get("userId"),
      schema: userCommandSchema,
      run: async (actor, input) => {
        let temporaryPassword: string | undefined;
        if (command === "disable" || command === "enable") await setUserDisabled(actor, input, command === "disable");
        else if (command === "unlock") await unlockUser(actor, input);
        else if (command === "reset") temporaryPassword = (await resetPassword(actor, input)).temporaryPassword;
        else throw new Error(`unknown user command ${command}`);
        revalidatePath("/admin/users");
        return { command, temporaryPassword };
      },
    },
    formData,
  );
}
