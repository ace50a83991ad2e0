"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { markReadAction } from "@/lib/reporting/actions/inbox";

interface Message {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAtText: string;
  read: boolean;
}

function MarkRead({ messageId }: { messageId: number }) {
  const t = useTranslations("inbox");
  const [, formAction, pending] = useActionState(markReadAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" disabled={pending} className="text-xs text-brand-700 underline">
        {t("markRead")}
      </button>
    </form>
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
            {message.read ? null : <MarkRead messageId={message.id} />}
          </div>
          <p className="mt-1 text-slate-700">{message.body}</p>
          <p className="mt-1 text-xs text-slate-600">{message.createdAtText}</p>
        </li>
      ))}
    </ul>
  );
}
