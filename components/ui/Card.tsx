import type { ComponentPropsWithoutRef, ElementType, ReactNode } from "react";

type Padding = "sm" | "md" | "lg";

const PADDING: Record<Padding, string> = {
  sm: "p-3",
  md: "p-4",
  lg: "p-6",
};

/** The classes of the white, bordered panel; extra classes (spacing, grid, print) are appended. */
export function cardClasses(padding: Padding = "md", className?: string) {
  return ["rounded-lg border border-slate-200 bg-white", PADDING[padding], className].filter(Boolean).join(" ");
}

type CardOwnProps<T extends ElementType> = {
  /** The element to render: `div` by default; `li`, `section`, `article`, `form`, `figure`… as the content calls for. */
  as?: T;
  /** `sm` = p-3, `md` = p-4 (default), `lg` = p-6. */
  padding?: Padding;
  /** Classes added after the card's own, e.g. `space-y-3`, `text-sm`, `lg:col-span-2`. */
  className?: string;
  children?: ReactNode;
};

export type CardProps<T extends ElementType = "div"> = CardOwnProps<T> & Omit<ComponentPropsWithoutRef<T>, keyof CardOwnProps<T>>;

/** A white, bordered panel. Carries no semantics of its own: pick the element with `as`. */
export function Card<T extends ElementType = "div">({ as, padding = "md", className, ...props }: CardProps<T>) {
  const Component: ElementType = as ?? "div";
  return <Component {...props} className={cardClasses(padding, className)} />;
}

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

export interface SectionProps extends Omit<ComponentPropsWithoutRef<"section">, "className" | "children" | "aria-labelledby"> {
  /** The heading's id; the section is labelled by it (a named `region` landmark). Unique on the page. */
  headingId: string;
  heading: ReactNode;
  /** The heading element, h2 by default. */
  level?: HeadingLevel;
  /** Classes added to the heading's `font-semibold`, e.g. `mb-3` or `mb-3 text-lg`. */
  headingClassName?: string;
  /** Shown beside the heading (wrapping on narrow screens), e.g. a "new" link; may be null. */
  actions?: ReactNode;
  padding?: Padding;
  className?: string;
  children?: ReactNode;
}

/** A card with a heading, as a `<section>` labelled by that heading. */
export function Section({
  headingId,
  heading,
  level = 2,
  headingClassName,
  actions,
  padding,
  className,
  children,
  ...props
}: SectionProps) {
  const Heading = `h${level}` as const;
  const title = (
    <Heading id={headingId} className={headingClassName ? `${headingClassName} font-semibold` : "font-semibold"}>
      {heading}
    </Heading>
  );
  return (
    <section {...props} aria-labelledby={headingId} className={cardClasses(padding, className)}>
      {actions === undefined ? (
        title
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {title}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
