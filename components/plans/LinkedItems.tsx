import { Link } from "@/components/ui/Link";
import { Section } from "@/components/ui/Card";

interface LinkedItem {
  linkId: number;
  reason: string;
  item: { id: number; number: string | null; title: string; plan: { shortTitle: string } };
}

/** Items of another plan linked to this one, each with the reason the link holds. */
export function LinkedItems({ id, heading, links }: { id: string; heading: string; links: LinkedItem[] }) {
  if (links.length === 0) return null;
  return (
    <Section headingId={id} heading={heading}>
      <ul className="mt-2 space-y-3 text-sm">
        {links.map((link) => (
          <li key={link.linkId}>
            <Link href={`/items/${link.item.id}`} className="text-brand-700 underline">
              {link.item.plan.shortTitle} · {link.item.number}
              {link.item.title}
            </Link>
            <p className="mt-1 text-xs text-slate-700">{link.reason}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
