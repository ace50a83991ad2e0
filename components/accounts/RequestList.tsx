import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { ZhText } from "@/components/ui/ZhText";
import type { PrivilegedRequestView } from "@/lib/accounts/server/requests";
import { formatShanghaiDateTime } from "@/lib/core/time";

const STATUS_TONE = { PENDING: "amber", APPROVED: "green", REFUSED: "red", CANCELLED: "neutral" } as const;

/** What a request asks, in words: 新建特权账户 zhang（安全审计员）. */
export async function requestSummary(request: PrivilegedRequestView): Promise<string> {
  const t = await getTranslations();
  const role = request.payload.role ? t(`roles.${request.payload.role}`) : null;
  return t("accountRequests.summary", {
    kind: t(`accountRequests.kinds.${request.kind}`),
    username: request.payload.username,
    role: role ?? "—",
  });
}

/** Privileged requests as cards, each with what it asks, who asked, the outcome, and the given commands. */
export async function RequestList({
  requests,
  commands,
  empty,
}: {
  requests: PrivilegedRequestView[];
  commands: (request: PrivilegedRequestView) => ReactNode;
  empty: string;
}) {
  const t = await getTranslations();
  if (requests.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  const label = (key: string) => t("format.labelled", { label: t(key) });
  return (
    <ul className="space-y-3">
      {await Promise.all(
        requests.map(async (request) => (
          <Card as="li" key={request.id} padding="sm" data-testid={`request-${request.id}`} className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{await requestSummary(request)}</span>
              <Badge tone={STATUS_TONE[request.status]}>{t(`accountRequests.status.${request.status}`)}</Badge>
            </div>
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              {request.payload.displayName ? (
                <div>
                  <dt className="inline text-slate-600">{label("users.displayName")}</dt>
                  <dd className="inline">
                    <ZhText>{request.payload.displayName}</ZhText>
                  </dd>
                </div>
              ) : null}
              {request.payload.fromRole ? (
                <div>
                  <dt className="inline text-slate-600">{label("accountRequests.fromRole")}</dt>
                  <dd className="inline">{t(`roles.${request.payload.fromRole}`)}</dd>
                </div>
              ) : null}
              <div>
                <dt className="inline text-slate-600">{label("accountRequests.requestedBy")}</dt>
                <dd className="inline">
                  {request.requestedBy?.username ?? "—"} · {formatShanghaiDateTime(request.requestedAt)}
                </dd>
              </div>
              {request.decidedAt ? (
                <div>
                  <dt className="inline text-slate-600">{label("accountRequests.decidedBy")}</dt>
                  <dd className="inline">
                    {request.decidedBy?.username ?? request.requestedBy?.username ?? "—"} · {formatShanghaiDateTime(request.decidedAt)}
                  </dd>
                </div>
              ) : null}
              {request.reason ? (
                <div className="sm:col-span-2">
                  <dt className="inline text-slate-600">{label("accountRequests.reason")}</dt>
                  <dd className="inline">
                    <ZhText>{request.reason}</ZhText>
                  </dd>
                </div>
              ) : null}
            </dl>
            {commands(request)}
          </Card>
        )),
      )}
    </ul>
  );
}
