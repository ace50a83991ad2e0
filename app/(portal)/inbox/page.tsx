import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxList } from "@/components/reporting/InboxList";
import { MarkAllRead } from "@/components/reporting/MarkAllRead";
import { inboxMessageText } from "@/components/reporting/inbox-text";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { readPageQuery } from "@/lib/core/params";
import { listPageSchema } from "@/lib/reporting/schemas";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { listInbox } from "@/lib/reporting/server/inbox";
import { loadForPage, requirePageActor } from "@/lib/core/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

export default async function InboxPage({ searchParams }: PageProps<"/inbox">) {
  const actor = await requirePageActor();
  const { query } = readPageQuery(listPageSchema, await searchParams);
  const [t, { messages, unread, info }] = await Promise.all([getTranslations(), loadForPage(() => listInbox(actor, query))]);
  return (
    <div className="max-w-4xl">
      <PageHeader title={t("inbox.title")} />
      <div className="mb-4">
        <MarkAllRead unread={unread} />
      </div>
      <InboxList
        messages={messages.map((message) => ({
          id: message.id,
          ...inboxMessageText(t, message),
          link: message.link,
          createdAtText: formatShanghaiDateTime(message.createdAt),
          read: message.readAt !== null,
        }))}
      />
      {info.total > 0 ? <Pager info={info} href={(page) => `/inbox?page=${page}`} className="mt-4" /> : null}
    </div>
  );
}
