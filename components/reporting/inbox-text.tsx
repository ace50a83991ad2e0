import type { ReactNode } from "react";
import { ZhText } from "@/components/ui/ZhText";
import { parseInboxContent } from "@/lib/reporting/inbox-messages";

/** The part of a next-intl translator (from the root) this needs. */
interface Translator {
  rich(key: string, values: Record<string, string | number | ((chunks: ReactNode) => ReactNode)>): ReactNode;
}

const data = (chunks: ReactNode) => <ZhText>{chunks}</ZhText>;

/**
 * An inbox message in the reader's language, from its kind and params; Chinese data inside it
 * (item titles, round names, comments) is marked as such. A row without params (written before
 * they existed) shows its stored Chinese title and body.
 */
export function inboxMessageText(
  t: Translator,
  message: { kind: string; params: string | null; title: string; body: string },
): { title: ReactNode; body: ReactNode } {
  const content = parseInboxContent(message.kind, message.params);
  if (!content) return { title: <ZhText>{message.title}</ZhText>, body: <ZhText>{message.body}</ZhText> };
  switch (content.kind) {
    case "RETURNED":
    case "APPROVED": {
      const { item, round, comment } = content.params;
      return {
        title: t.rich(`inbox.kinds.${content.kind}.title`, { item, data }),
        body: comment
          ? t.rich(`inbox.kinds.${content.kind}.bodyWithComment`, { round, comment, data })
          : t.rich(`inbox.kinds.${content.kind}.body`, { round, data }),
      };
    }
    case "REMIND":
    case "URGE":
    case "SUPERVISE": {
      const { round, count, deadline, message: typed } = content.params;
      return {
        title: t.rich(`inbox.kinds.${content.kind}.title`, { round, count, data }),
        body: typed === null ? t.rich("inbox.chaseDefault", { round, deadline, data }) : <ZhText>{typed}</ZhText>,
      };
    }
    case "ENTERED_ON_BEHALF": {
      const { item, round, file } = content.params;
      return {
        title: t.rich("inbox.kinds.ENTERED_ON_BEHALF.title", { item, data }),
        body: t.rich("inbox.kinds.ENTERED_ON_BEHALF.body", { round, file, data }),
      };
    }
    case "ACCOUNT_REQUEST":
    case "ACCOUNT_REQUEST_DECIDED": {
      const { request, username, requester, outcome, reason } = content.params;
      const kindText = t.rich(`accountRequests.kinds.${request}`, {});
      if (content.kind === "ACCOUNT_REQUEST") {
        return {
          title: t.rich("inbox.kinds.ACCOUNT_REQUEST.title", { request: String(kindText), username }),
          body: t.rich("inbox.kinds.ACCOUNT_REQUEST.body", { requester: requester ?? "—" }),
        };
      }
      const key = outcome === "REFUSED" ? "refused" : "approved";
      return {
        title: t.rich(`inbox.kinds.ACCOUNT_REQUEST_DECIDED.${key}Title`, { request: String(kindText), username }),
        body:
          outcome === "REFUSED"
            ? t.rich("inbox.kinds.ACCOUNT_REQUEST_DECIDED.refusedBody", { reason: reason ?? "", data })
            : t.rich(`inbox.kinds.ACCOUNT_REQUEST_DECIDED.${request === "GRANT_ROLE" ? "appliedBody" : "approvedBody"}`, {}),
      };
    }
  }
}
