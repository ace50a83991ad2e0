-- CreateTable
CREATE TABLE "ContentStamp" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" DATETIME NOT NULL
);
