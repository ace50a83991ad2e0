-- CreateTable
CREATE TABLE "PublicRating" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planItemId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addressHash" TEXT,
    CONSTRAINT "PublicRating_planItemId_fkey" FOREIGN KEY ("planItemId") REFERENCES "PlanItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicComment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planItemId" INTEGER NOT NULL,
    "ratingId" INTEGER,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderatedById" INTEGER,
    "moderatedAt" DATETIME,
    "reason" TEXT,
    CONSTRAINT "PublicComment_planItemId_fkey" FOREIGN KEY ("planItemId") REFERENCES "PlanItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PublicComment_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "PublicRating" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PublicComment_moderatedById_fkey" FOREIGN KEY ("moderatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "PublicRating_planItemId_score_idx" ON "PublicRating"("planItemId", "score");

-- CreateIndex
CREATE UNIQUE INDEX "PublicComment_ratingId_key" ON "PublicComment"("ratingId");

-- CreateIndex
CREATE INDEX "PublicComment_status_createdAt_idx" ON "PublicComment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "PublicComment_planItemId_status_createdAt_idx" ON "PublicComment"("planItemId", "status", "createdAt");
