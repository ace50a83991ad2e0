-- CreateTable
CREATE TABLE "Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "shortTitle" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "documentNumber" TEXT,
    "signedOn" DATETIME,
    "publishedOn" DATETIME,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "preamble" TEXT,
    "source" TEXT,
    "parentPlanId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_parentPlanId_fkey" FOREIGN KEY ("parentPlanId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "kind" TEXT NOT NULL,
    "key" TEXT,
    "number" TEXT,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "taskStatement" TEXT,
    "fullText" TEXT NOT NULL DEFAULT '',
    "phaseId" INTEGER,
    "startDate" DATETIME,
    "dueDate" DATETIME,
    "reportingCycle" TEXT,
    "sourceNote" TEXT,
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "PlanItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlanItem_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "PlanPhase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanItemLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fromItemId" INTEGER NOT NULL,
    "toItemId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "PlanItemLink_fromItemId_fkey" FOREIGN KEY ("fromItemId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanItemLink_toItemId_fkey" FOREIGN KEY ("toItemId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanItemRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorUsername" TEXT,
    "actorName" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" TEXT,
    "after" TEXT NOT NULL,
    CONSTRAINT "PlanItemRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetPopulation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "TargetPopulation_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyProject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "KeyProject_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanGoal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "indicatorId" INTEGER,
    "targetValue" REAL,
    "comparator" TEXT,
    CONSTRAINT "PlanGoal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanGoal_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanPhase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "PlanPhase_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "planId" INTEGER,
    "baselineYear" INTEGER,
    "baselineValue" REAL,
    "baselineText" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Indicator_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_code_key" ON "Plan"("code");

-- CreateIndex
CREATE INDEX "PlanItem_planId_parentId_idx" ON "PlanItem"("planId", "parentId");

-- CreateIndex
CREATE INDEX "PlanItem_parentId_idx" ON "PlanItem"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItem_planId_key_key" ON "PlanItem"("planId", "key");

-- CreateIndex
CREATE INDEX "Assignment_unitId_idx" ON "Assignment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_itemId_unitId_key" ON "Assignment"("itemId", "unitId");

-- CreateIndex
CREATE INDEX "PlanItemLink_toItemId_idx" ON "PlanItemLink"("toItemId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItemLink_fromItemId_toItemId_type_key" ON "PlanItemLink"("fromItemId", "toItemId", "type");

-- CreateIndex
CREATE INDEX "PlanItemRevision_itemId_version_idx" ON "PlanItemRevision"("itemId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "TargetPopulation_code_key" ON "TargetPopulation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TargetPopulation_sectionId_key" ON "TargetPopulation"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "KeyProject_code_key" ON "KeyProject"("code");

-- CreateIndex
CREATE UNIQUE INDEX "KeyProject_sectionId_key" ON "KeyProject"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanGoal_planId_year_key" ON "PlanGoal"("planId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "PlanPhase_planId_position_key" ON "PlanPhase"("planId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");
