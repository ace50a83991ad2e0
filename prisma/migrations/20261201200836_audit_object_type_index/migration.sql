-- CreateIndex
CREATE INDEX "AuditEvent_objectType_idx" ON "AuditEvent"("objectType");
