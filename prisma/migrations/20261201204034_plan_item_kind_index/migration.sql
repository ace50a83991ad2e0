-- CreateIndex
CREATE INDEX "PlanItem_kind_idx" ON "PlanItem"("kind");
