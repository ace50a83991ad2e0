-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "printedName" TEXT;

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN "itemId" INTEGER;

-- CreateTable
CREATE TABLE "UnitName" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "validFrom" DATETIME,
    "validTo" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitName_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshot" TEXT NOT NULL,
    CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "parsed" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    CONSTRAINT "PlanImport_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IndicatorTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "indicatorId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "comparator" TEXT NOT NULL DEFAULT 'GTE',
    "planId" INTEGER,
    "text" TEXT,
    CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IndicatorTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_IndicatorTarget" ("comparator", "id", "indicatorId", "value", "year") SELECT "comparator", "id", "indicatorId", "value", "year" FROM "IndicatorTarget";
DROP TABLE "IndicatorTarget";
ALTER TABLE "new_IndicatorTarget" RENAME TO "IndicatorTarget";
CREATE UNIQUE INDEX "IndicatorTarget_indicatorId_year_key" ON "IndicatorTarget"("indicatorId", "year");
CREATE TABLE "new_Plan" (
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
    "status" TEXT NOT NULL DEFAULT 'PUBLISHED',
    "isCurrent" BOOLEAN NOT NULL DEFAULT false,
    "districtId" INTEGER,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_parentPlanId_fkey" FOREIGN KEY ("parentPlanId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Plan_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Plan" ("code", "createdAt", "documentNumber", "endYear", "id", "issuer", "kind", "parentPlanId", "preamble", "publishedOn", "shortTitle", "signedOn", "sortOrder", "source", "startYear", "title", "updatedAt") SELECT "code", "createdAt", "documentNumber", "endYear", "id", "issuer", "kind", "parentPlanId", "preamble", "publishedOn", "shortTitle", "signedOn", "sortOrder", "source", "startYear", "title", "updatedAt" FROM "Plan";
DROP TABLE "Plan";
ALTER TABLE "new_Plan" RENAME TO "Plan";
CREATE UNIQUE INDEX "Plan_code_key" ON "Plan"("code");
CREATE INDEX "Plan_districtId_idx" ON "Plan"("districtId");
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "deactivatedAt" DATETIME,
    "mergedIntoId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("createdAt", "fullName", "id", "name", "sortOrder", "type", "updatedAt") SELECT "createdAt", "fullName", "id", "name", "sortOrder", "type", "updatedAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UnitName_unitId_idx" ON "UnitName"("unitId");

-- CreateIndex
CREATE INDEX "UnitName_name_idx" ON "UnitName"("name");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_version_key" ON "PlanVersion"("planId", "version");

-- CreateIndex
CREATE INDEX "PlanImport_createdById_status_idx" ON "PlanImport"("createdById", "status");

-- Data: the plans and units already held. The master plan in force is current; every assignment
-- keeps the unit's name as printed; every unit's name so far opens its name history.
UPDATE "Plan" SET "isCurrent" = true WHERE "kind" = 'MASTER' AND "id" = (SELECT MIN("id") FROM "Plan" WHERE "kind" = 'MASTER');
UPDATE "Assignment" SET "printedName" = (SELECT "name" FROM "Unit" WHERE "Unit"."id" = "Assignment"."unitId");
INSERT INTO "UnitName" ("unitId", "name", "fullName") SELECT "id", "name", "fullName" FROM "Unit";
UPDATE "IndicatorTarget" SET "planId" = (SELECT "planId" FROM "Indicator" WHERE "Indicator"."id" = "IndicatorTarget"."indicatorId");
