-- CreateEnum
CREATE TYPE "PublicCommentStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "PublicRating" (
    "id" SERIAL NOT NULL,
    "planItemId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addressHash" TEXT,

    CONSTRAINT "PublicRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicComment" (
    "id" SERIAL NOT NULL,
    "planItemId" INTEGER NOT NULL,
    "ratingId" INTEGER,
    "text" TEXT NOT NULL,
    "status" "PublicCommentStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderatedById" INTEGER,
    "moderatedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "PublicComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackThrottle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeedbackThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PublicRating_planItemId_score_idx" ON "PublicRating"("planItemId", "score");

-- CreateIndex
CREATE UNIQUE INDEX "PublicComment_ratingId_key" ON "PublicComment"("ratingId");

-- CreateIndex
CREATE INDEX "PublicComment_status_createdAt_idx" ON "PublicComment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "PublicComment_planItemId_status_createdAt_idx" ON "PublicComment"("planItemId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "PublicRating" ADD CONSTRAINT "PublicRating_planItemId_fkey" FOREIGN KEY ("planItemId") REFERENCES "PlanItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicComment" ADD CONSTRAINT "PublicComment_planItemId_fkey" FOREIGN KEY ("planItemId") REFERENCES "PlanItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicComment" ADD CONSTRAINT "PublicComment_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "PublicRating"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicComment" ADD CONSTRAINT "PublicComment_moderatedById_fkey" FOREIGN KEY ("moderatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
