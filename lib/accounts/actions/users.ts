"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createUser, resetPassword, setUserDisabled, unlockUser, updateUser } from "@/lib/accounts/server/users";
import { createUserSchema, updateUserSchema, userCommandSchema } from "@/lib/accounts/schemas";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import type { OperationSpec } from "@/lib/core/operations";
import { isRequestedChange } from "@/lib/accounts/privileged";

export interface IssuedPassword {
  userId: number;
  username: string;
  temporaryPassword: string;
}

/** A privileged account is not created but requested: the form says it awaits an auditor's approval. */
export interface RequestedAccount {
  requestId: number;
  username: string;
}

export async function createUserAction(_previous: ActionState<IssuedPassword | RequestedAccount> | null, formData: FormData) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.createUser,
      schema: createUserSchema,
      run: async (actor, input): Promise<IssuedPassword | RequestedAccount> => {
        const result = await createUser(actor, input);
        if (isRequestedChange(result)) {
          revalidatePath("/admin/requests");
          return { requestId: result.requestId, username: input.username };
        }
        revalidatePath("/admin/users");
        return { userId: result.user.id, username: result.user.username, temporaryPassword: result.temporaryPassword };
      },
    },
    formData,
  );
}

export async function updateUserAction(_previous: ActionState<{ version: number; requestId?: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.updateUser,
      objectId: formData.get("userId"),
      schema: updateUserSchema,
      run: async (actor, input) => {
        const user = await updateUser(actor, input);
        revalidatePath("/admin/users");
        return user.requestId === undefined ? { version: user.version } : { version: user.version, requestId: user.requestId };
      },
    },
    formData,
  );
}

/** One action for the account commands on the user page: disable, enable, unlock, reset. */
export async function userCommandAction(
  _previous: ActionState<{ command: string; temporaryPassword?: string; requestId?: number }> | null,
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
        let requestId: number | undefined;
        if (command === "disable" || command === "enable") await setUserDisabled(actor, input, command === "disable");
        else if (command === "unlock") await unlockUser(actor, input);
        else if (command === "reset") {
          const result = await resetPassword(actor, input);
          if (isRequestedChange(result)) requestId = result.requestId;
          else temporaryPassword = result.temporaryPassword;
        } else throw new Error(`unknown user command ${command}`);
        revalidatePath("/admin/users");
        return { command, temporaryPassword, requestId };
      },
    },
    formData,
  );
}
