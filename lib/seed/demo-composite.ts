import type { AppPrismaClient } from "@/lib/core/db/create-client";

/** The demo composite's code: 深圳科普指数（示例）. */
export const DEMO_COMPOSITE_CODE = "kepu-index-demo";

/**
 * A demo 深圳科普指数 over the demo history's indicators, marked 示例数据: the plan asks for the
 * index (key project 四) but states no formula, so the components, references and weights are
 * illustrative only. Loaded with SEED_DEMO_DATA, when no composite exists yet and its components do.
 */
const COMPONENTS = [
  { code: "literacy-rate", weight: 2, reference: 25 },
  { code: "science-bases", weight: 1, reference: 200 },
  { code: "tech-volunteers", weight: 1, reference: 6 },
] as const;

export async function seedDemoComposite(client: AppPrismaClient): Promise<number> {
  if ((await client.indicatorComponent.count()) > 0) return 0;
  if (await client.indicator.findUnique({ where: { code: DEMO_COMPOSITE_CODE } })) return 0;
  const indicators = await client.indicator.findMany({
    where: { code: { in: COMPONENTS.map((component) => component.code) } },
    select: { id: true, code: true },
  });
  if (indicators.length !== COMPONENTS.length) return 0;
  const idOf = new Map(indicators.map((indicator) => [indicator.code, indicator.id]));
  await client.indicator.create({
    data: {
      code: DEMO_COMPOSITE_CODE,
      name: "深圳科普指数（示例）",
      unit: "分",
      direction: "HIGHER_IS_BETTER",
      kind: "COMPOSITE",
      isDemo: true,
      position: (await client.indicator.count()) + 1,
      description:
        "示例数据，仅演示综合指标的计算方式：公民具备科学素质的比例以25%为100分（权重2），市级科普教育基地数量以200个为100分（权重1），注册科技志愿者人数以6万人为100分（权重1）；综合值为各分项得分的加权平均。",
      components: {
        create: COMPONENTS.map((component, position) => ({
          componentId: idOf.get(component.code)!,
          weight: component.weight,
          normalisation: "RATIO" as const,
          reference: component.reference,
          direction: "HIGHER_IS_BETTER" as const,
          position,
        })),
      },
    },
  });
  return 1;
}
