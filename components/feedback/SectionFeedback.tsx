import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { issueFormToken } from "@/lib/feedback/form-token";
import { COMMENT_MAX_LENGTH } from "@/lib/feedback/schemas";
import type { PublicSectionFeedback } from "@/lib/feedback/server/public";

export type FeedbackOutcomeParam = "thanks" | "pending" | "invalid" | "stale";

interface SectionFeedbackProps {
  sectionId: number;
  feedback: PublicSectionFeedback | undefined;
  /** The outcome of this visitor's last submission on this section (from the redirect's query string). */
  outcome: FeedbackOutcomeParam | null;
}

/**
 * 公众评价 under a section of /progress: the count and average of ratings, the newest approved
 * comments (plain text, escaped by React), and a rating form that works without JavaScript (a plain
 * POST to /progress/feedback). The form carries a signed issue time (refreshed in every cached
 * copy of the page) and a honeypot field hidden from people and from assistive technology.
 */
export async function SectionFeedback({ sectionId, feedback, outcome }: SectionFeedbackProps) {
  const t = await getTranslations("publicFeedback");
  const headingId = `feedback-heading-${sectionId}`;
  return (
    <section
      id={`feedback-${sectionId}`}
      aria-labelledby={headingId}
      className="mt-4 border-t border-slate-200 pt-3"
      data-testid="section-feedback"
    >
      <h4 id={headingId} className="text-sm font-semibold">
        {t("heading")}
      </h4>
      <p className="mt-1 text-sm text-slate-800" data-testid="rating-summary">
        {feedback && feedback.count > 0 ? t("ratingSummary", { count: feedback.count, average: feedback.average ?? 0 }) : t("noRatings")}
      </p>
      {feedback && feedback.newest.length > 0 ? (
        <div className="mt-2">
          <p className="text-xs text-slate-600">
            {t("commentsHeading")} · {t("commentsShown", { shown: feedback.newest.length, total: feedback.comments })}
          </p>
          <ul className="mt-1 space-y-1 text-sm" data-testid="public-comments">
            {feedback.newest.map((comment) => (
              <li key={comment.id} lang="zh-CN" className="whitespace-pre-line rounded bg-slate-50 px-2 py-1 text-slate-800">
                {comment.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome ? (
        <Alert tone={outcome === "thanks" || outcome === "pending" ? "success" : "error"} className="mt-2">
          {t(`outcomes.${outcome}`)}
        </Alert>
      ) : null}
      <form method="post" action="/progress/feedback" className="mt-2 space-y-2 text-sm">
        <input type="hidden" name="sectionId" value={sectionId} />
        <input type="hidden" name="token" value={issueFormToken()} />
        <fieldset>
          <legend className="text-slate-700">{t("scoreLegend")}</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {(["1", "2", "3", "4", "5"] as const).map((score) => (
              <label key={score} className="inline-flex items-center gap-1">
                <input type="radio" name="score" value={score} required />
                {t(`scores.${score}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={`comment-${sectionId}`} className="block text-slate-700">
            {t("commentLabel")}
          </label>
          <textarea
            id={`comment-${sectionId}`}
            name="comment"
            rows={2}
            maxLength={COMMENT_MAX_LENGTH}
            aria-describedby={`comment-hint-${sectionId}`}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1"
          />
          <p id={`comment-hint-${sectionId}`} className="text-xs text-slate-600">
            {t("commentHint")}
          </p>
        </div>
        {/* The honeypot: off-screen and out of the tab order; people never fill it, naive bots do. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor={`website-${sectionId}`}>{t("honeypotLabel")}</label>
          <input id={`website-${sectionId}`} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
