-- CreateTable
CREATE TABLE "AssessmentYear" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "rules" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "computedAt" DATETIME,
    "createdById" INTEGER,
    "createdByName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalisedById" INTEGER,
    "finalisedByName" TEXT,
    "finalisedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assessmentYearId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "rank" INTEGER NOT NULL,
    "lines" TEXT NOT NULL,
    CONSTRAINT "AssessmentScore_assessmentYearId_fkey" FOREIGN KEY ("assessmentYearId") REFERENCES "AssessmentYear" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentYear_year_key" ON "AssessmentYear"("year");

-- CreateIndex
CREATE INDEX "AssessmentScore_assessmentYearId_rank_idx" ON "AssessmentScore"("assessmentYearId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_assessmentYearId_unitId_key" ON "AssessmentScore"("assessmentYearId", "unitId");
