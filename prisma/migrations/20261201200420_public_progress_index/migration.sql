-- CreateIndex
CREATE INDEX "ProgressReport_state_itemId_unitId_roundId_status_completion_idx" ON "ProgressReport"("state", "itemId", "unitId", "roundId", "status", "completion");
