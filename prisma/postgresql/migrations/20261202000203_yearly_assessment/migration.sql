-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'FINAL');

-- CreateTable
CREATE TABLE "AssessmentYear" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "rules" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "computedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdByName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalisedById" INTEGER,
    "finalisedByName" TEXT,
    "finalisedAt" TIMESTAMP(3),

    CONSTRAINT "AssessmentYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" SERIAL NOT NULL,
    "assessmentYearId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "lines" TEXT NOT NULL,

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentYear_year_key" ON "AssessmentYear"("year");

-- CreateIndex
CREATE INDEX "AssessmentScore_assessmentYearId_rank_idx" ON "AssessmentScore"("assessmentYearId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_assessmentYearId_unitId_key" ON "AssessmentScore"("assessmentYearId", "unitId");

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_assessmentYearId_fkey" FOREIGN KEY ("assessmentYearId") REFERENCES "AssessmentYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
