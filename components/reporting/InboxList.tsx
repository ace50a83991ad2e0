"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { markReadAction } from "@/lib/reporting/actions/inbox";

interface Message {
  id: number;
  /** In the reader's language, Chinese data inside marked `lang="zh-CN"` (see inbox-text.tsx). */
  title: ReactNode;
  body: ReactNode;
  link: string | null;
  createdAtText: string;
  read: boolean;
}

/** 标为已读; once done the button goes away and its outcome takes focus, so focus is not lost. */
function MarkRead({ messageId, read }: { messageId: number; read: boolean }) {
  const t = useTranslations("inbox");
  const [state, formAction, pending] = useActionState(markReadAction, null);
  const { messageRef } = useFocusAfterAction(state);
  if (read && !state) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {read ? null : (
        <form action={formAction}>
          <input type="hidden" name="messageId" value={messageId} />
          <button type="submit" disabled={pending} className="text-xs text-brand-700 underline">
            {t("markRead")}
          </button>
        </form>
      )}
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("markedRead") : undefined}
      />
    </div>
  );
}

export function InboxList({ messages }: { messages: Message[] }) {
  const t = useTranslations("inbox");
  if (messages.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="space-y-2" data-testid="inbox">
      {messages.map((message) => (
        <li
          key={message.id}
          className={`rounded-lg border p-3 text-sm ${message.read ? "border-slate-200 bg-white" : "border-brand-600 bg-brand-50"}`}
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-medium">
              {message.read ? null : <span className="mr-1 text-brand-700">{t("unreadMark")}</span>}
              {message.link ? (
                <Link href={message.link} className="underline">
                  {message.title}
                </Link>
              ) : (
                message.title
              )}
            </p>
            <MarkRead messageId={message.id} read={message.read} />
          </div>
          <p className="mt-1 text-slate-700">{message.body}</p>
          <p className="mt-1 text-xs text-slate-600">{message.createdAtText}</p>
        </li>
      ))}
    </ul>
  );
}
