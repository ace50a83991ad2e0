-- CreateEnum
CREATE TYPE "IndicatorKind" AS ENUM ('PLAIN', 'COMPOSITE');

-- CreateEnum
CREATE TYPE "ComponentNormalisation" AS ENUM ('RATIO', 'MIN_MAX');

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "kind" "IndicatorKind" NOT NULL DEFAULT 'PLAIN';

-- CreateTable
CREATE TABLE "IndicatorComponent" (
    "id" SERIAL NOT NULL,
    "compositeId" INTEGER NOT NULL,
    "componentId" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "normalisation" "ComponentNormalisation" NOT NULL DEFAULT 'RATIO',
    "reference" DOUBLE PRECISION NOT NULL,
    "referenceMax" DOUBLE PRECISION,
    "direction" "IndicatorDirection" NOT NULL DEFAULT 'HIGHER_IS_BETTER',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IndicatorComponent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndicatorComponent_componentId_idx" ON "IndicatorComponent"("componentId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorComponent_compositeId_componentId_key" ON "IndicatorComponent"("compositeId", "componentId");

-- AddForeignKey
ALTER TABLE "IndicatorComponent" ADD CONSTRAINT "IndicatorComponent_compositeId_fkey" FOREIGN KEY ("compositeId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorComponent" ADD CONSTRAINT "IndicatorComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
