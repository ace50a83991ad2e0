-- CreateIndex
CREATE INDEX "Attachment_reportId_uploadedAt_idx" ON "Attachment"("reportId", "uploadedAt");

-- CreateIndex
CREATE INDEX "InboxMessage_userId_createdAt_idx" ON "InboxMessage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ProgressReport_roundId_unitId_state_status_submittedAt_idx" ON "ProgressReport"("roundId", "unitId", "state", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "ProgressReport_roundId_state_status_submittedAt_idx" ON "ProgressReport"("roundId", "state", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "ReportEvent_reportId_createdAt_idx" ON "ReportEvent"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportOutput_reportId_position_idx" ON "ReportOutput"("reportId", "position");

-- CreateIndex
CREATE INDEX "ReportingRound_deadline_idx" ON "ReportingRound"("deadline");
