-- AlterTable
ALTER TABLE "User" ADD COLUMN "email" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    "emailStatus" TEXT,
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailedAt" DATETIME,
    "emailError" TEXT,
    CONSTRAINT "InboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_InboxMessage" ("body", "createdAt", "id", "kind", "link", "readAt", "title", "userId") SELECT "body", "createdAt", "id", "kind", "link", "readAt", "title", "userId" FROM "InboxMessage";
DROP TABLE "InboxMessage";
ALTER TABLE "new_InboxMessage" RENAME TO "InboxMessage";
CREATE INDEX "InboxMessage_userId_readAt_idx" ON "InboxMessage"("userId", "readAt");
CREATE INDEX "InboxMessage_emailStatus_idx" ON "InboxMessage"("emailStatus");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
