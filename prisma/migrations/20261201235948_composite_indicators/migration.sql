-- CreateTable
CREATE TABLE "IndicatorComponent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "compositeId" INTEGER NOT NULL,
    "componentId" INTEGER NOT NULL,
    "weight" REAL NOT NULL,
    "normalisation" TEXT NOT NULL DEFAULT 'RATIO',
    "reference" REAL NOT NULL,
    "referenceMax" REAL,
    "direction" TEXT NOT NULL DEFAULT 'HIGHER_IS_BETTER',
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "IndicatorComponent_compositeId_fkey" FOREIGN KEY ("compositeId") REFERENCES "Indicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IndicatorComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Indicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Indicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "planId" INTEGER,
    "baselineYear" INTEGER,
    "baselineValue" REAL,
    "baselineText" TEXT,
    "baselineSource" TEXT,
    "description" TEXT,
    "itemId" INTEGER,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL DEFAULT 'PLAIN',
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Indicator_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Indicator" ("baselineSource", "baselineText", "baselineValue", "baselineYear", "code", "createdAt", "description", "direction", "id", "isDemo", "itemId", "name", "planId", "position", "unit", "updatedAt", "version") SELECT "baselineSource", "baselineText", "baselineValue", "baselineYear", "code", "createdAt", "description", "direction", "id", "isDemo", "itemId", "name", "planId", "position", "unit", "updatedAt", "version" FROM "Indicator";
DROP TABLE "Indicator";
ALTER TABLE "new_Indicator" RENAME TO "Indicator";
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IndicatorComponent_componentId_idx" ON "IndicatorComponent"("componentId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorComponent_compositeId_componentId_key" ON "IndicatorComponent"("compositeId", "componentId");
