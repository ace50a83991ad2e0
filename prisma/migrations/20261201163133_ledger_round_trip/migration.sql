-- CreateTable
CREATE TABLE "ReportImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "mode" TEXT,
    "result" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    CONSTRAINT "ReportImport_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgressReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'OWED',
    "status" TEXT,
    "completion" INTEGER,
    "workDone" TEXT NOT NULL DEFAULT '',
    "problems" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "eventsHeld" INTEGER,
    "peopleReached" INTEGER,
    "submittedAt" DATETIME,
    "submissionKey" TEXT,
    "reviewedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "enteredById" INTEGER,
    "enteredByName" TEXT,
    "enteredAt" DATETIME,
    "enteredImportId" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProgressReport_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_enteredImportId_fkey" FOREIGN KEY ("enteredImportId") REFERENCES "ReportImport" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProgressReport" ("completion", "eventsHeld", "id", "isDemo", "itemId", "nextSteps", "peopleReached", "problems", "reviewedAt", "role", "roundId", "state", "status", "submissionKey", "submittedAt", "unitId", "updatedAt", "version", "workDone") SELECT "completion", "eventsHeld", "id", "isDemo", "itemId", "nextSteps", "peopleReached", "problems", "reviewedAt", "role", "roundId", "state", "status", "submissionKey", "submittedAt", "unitId", "updatedAt", "version", "workDone" FROM "ProgressReport";
DROP TABLE "ProgressReport";
ALTER TABLE "new_ProgressReport" RENAME TO "ProgressReport";
CREATE INDEX "ProgressReport_unitId_state_idx" ON "ProgressReport"("unitId", "state");
CREATE INDEX "ProgressReport_state_submittedAt_idx" ON "ProgressReport"("state", "submittedAt");
CREATE UNIQUE INDEX "ProgressReport_roundId_itemId_unitId_key" ON "ProgressReport"("roundId", "itemId", "unitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReportImport_createdById_status_idx" ON "ReportImport"("createdById", "status");

-- CreateIndex
CREATE INDEX "ReportImport_roundId_unitId_idx" ON "ReportImport"("roundId", "unitId");
